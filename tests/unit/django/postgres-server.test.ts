/**
 * The throwaway PostgreSQL server that real-Django runs of Django's connection pool use: found on
 * this machine, started for real (as the postgres user when the tests run as root), connected to
 * with psycopg from .venv, and stopped by its process id. A start that fails, and a shop copy
 * that fails after the server started, leave no process and no folder behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { candidateBindirs, findPostgres, userIds } from '../../../main/django/postgres/find-postgres.ts';
import { PostgresServer } from '../../../main/django/postgres/postgres-server.ts';
import { startShopServer } from '../../../main/django/postgres/shop-server.ts';
import { REPO_ROOT } from '../../../main/django/python-env.ts';
import { copyShop } from '../../../main/django/shop-copy.ts';
import { openShopDatabase } from '../../../main/engine/db/shop-seed.ts';

const PYTHON = join(REPO_ROOT, '.venv', 'bin', 'python');

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-pg-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function installed() {
  const found = findPostgres();
  assert.ok(found.ok, found.ok ? '' : found.problem);
  return found.install;
}

/** Every process named postgres (postmasters and their backends alike), by id. */
function postgresProcesses(): Set<number> {
  try {
    return new Set(execFileSync('pgrep', ['-x', 'postgres'], { encoding: 'utf8' }).trim().split('\n').map(Number));
  } catch {
    return new Set(); // pgrep exits 1 when nothing matches
  }
}

const ourFolders = () => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('interleave-postgres-')));
const added = <T>(before: Set<T>, after: Set<T>) => [...after].filter((x) => !before.has(x));

/** Runs Python with psycopg against the server; prints one JSON value. */
function query(conninfo: string, sql: string): unknown {
  const script = `import json, psycopg
with psycopg.connect(${JSON.stringify(conninfo)}) as c:
    print(json.dumps(c.execute(${JSON.stringify(sql)}).fetchall()))`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script], { encoding: 'utf8' }));
}

test('looked for on PATH first, then in Debian’s per-version folders, newest first', (t) => {
  const dir = tempDir(t);
  for (const v of ['9.6', '15', '13', 'not-a-version']) mkdirSync(join(dir, 'debian', v, 'bin'), { recursive: true });
  assert.deepEqual(candidateBindirs(['/opt/pg/bin', '/usr/bin'].join(':'), join(dir, 'debian')), [
    '/opt/pg/bin',
    '/usr/bin',
    join(dir, 'debian', '15', 'bin'),
    join(dir, 'debian', '13', 'bin'),
    join(dir, 'debian', '9.6', 'bin'),
  ]);
  writeFileSync(
    join(dir, 'passwd'),
    'root:x:0:0::/root:/bin/sh\npostgres:x:101:104:PostgreSQL:/var/lib/postgresql:/bin/sh\n',
  );
  assert.deepEqual(userIds('postgres', join(dir, 'passwd')), { name: 'postgres', uid: 101, gid: 104 });
  assert.equal(userIds('nobody-here', join(dir, 'passwd')), null);
});

test('what is missing is said: no server programs; root without a postgres user', (t) => {
  const dir = tempDir(t);
  const none = findPostgres({ env: { PATH: dir }, debianRoot: join(dir, 'none') });
  assert.equal(none.ok, false);
  assert.match(
    none.ok ? '' : none.problem,
    /^PostgreSQL's server programs \(initdb and postgres\) were not found on PATH or in .*\/none\/\*\/bin; install them \(on Debian or Ubuntu: sudo apt-get install postgresql\)$/,
  );
  writeFileSync(join(dir, 'passwd'), 'root:x:0:0::/root:/bin/sh\n');
  const bindir = installed().bindir;
  const asRoot = findPostgres({ env: { PATH: bindir }, uid: 0, passwd: join(dir, 'passwd') });
  assert.equal(asRoot.ok, false);
  assert.match(
    asRoot.ok ? '' : asRoot.problem,
    /^PostgreSQL refuses to run as root, and there is no unprivileged "postgres" user/,
  );
  const asUser = findPostgres({ env: { PATH: bindir }, uid: 1000, passwd: join(dir, 'passwd') });
  assert.deepEqual(asUser, { ok: true, install: { bindir, runAs: null } });
});

test('a real server: answers on 127.0.0.1 as the unprivileged user, stopped by its id, its folder gone', async () => {
  const install = installed();
  const server = await PostgresServer.start(install);
  const { pid, dir } = server;
  try {
    assert.deepEqual(
      query(server.conninfo('postgres'), "SELECT current_user, inet_server_port(), current_setting('fsync')"),
      [['postgres', server.port, 'off']],
    );
    if (install.runAs) {
      // /proc/<pid>/status: "Uid:	real	effective	saved	fs"
      const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      assert.equal(Number(uid), install.runAs.uid, 'the postmaster runs as the postgres user, not root');
    }
  } finally {
    await server.stop();
  }
  assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, 'the postmaster is gone');
  let group = '';
  try {
    group = execFileSync('pgrep', ['-g', String(pid)], { encoding: 'utf8' });
  } catch {
    // nothing in its process group
  }
  assert.equal(group.trim(), '', 'no backend of it is left');
  assert.equal(existsSync(dir), false);
});

test('a server that cannot start: rejected with its own words, nothing left running, no folder', async () => {
  const [processes, folders] = [postgresProcesses(), ourFolders()];
  await assert.rejects(
    PostgresServer.start(installed(), { settings: ['no_such_setting=1'] }),
    /PostgreSQL did not start: postgres exited \(1\) before it was ready; its last words:\n.*unrecognized configuration parameter "no_such_setting"/,
  );
  assert.deepEqual(added(processes, postgresProcesses()), []);
  assert.deepEqual(added(folders, ourFolders()), []);
});

test('the shop on PostgreSQL: the same rows as the SQLite copy, new orders numbered after them', async (t) => {
  const dir = tempDir(t);
  const shopFile = join(dir, 'shop.sqlite3');
  copyShop(join(dir, 'seed.db'), shopFile);
  const lite = openShopDatabase(shopFile);
  const tables = ['products', 'carts', 'cart_items', 'orders', 'order_items'];
  const counts = tables.map((name) => (lite.prepare(`SELECT count(*) AS n FROM ${name}`).get() as { n: number }).n);
  const order = lite.prepare('SELECT id, customer, total_cents, created_at FROM orders WHERE id = 7').get();
  lite.close();
  const server = await startShopServer({
    install: installed(),
    python: PYTHON,
    shopFile,
    db: { maxConnections: null },
  });
  try {
    const shop = server.conninfo('shop');
    const sql = tables.map((name) => `(SELECT count(*) FROM ${name})`).join(', ');
    assert.deepEqual(query(shop, `SELECT ${sql}`), [counts]);
    assert.deepEqual(query(shop, 'SELECT id, customer, total_cents, created_at FROM orders WHERE id = 7'), [
      Object.values(order as object),
    ]);
    assert.deepEqual(
      query(shop, "INSERT INTO orders (customer, total_cents, created_at) VALUES ('new', 0, 'now') RETURNING id"),
      [[counts[3] + 1]],
    );
  } finally {
    await server.stop();
  }
});

test('a shop copy that fails stops the server it started: nothing left running, no folder', async (t) => {
  const dir = tempDir(t);
  const shopFile = join(dir, 'shop.sqlite3');
  copyShop(join(dir, 'seed.db'), shopFile);
  const [processes, folders] = [postgresProcesses(), ourFolders()];
  await assert.rejects(
    startShopServer({ install: installed(), python: join(dir, 'no-python'), shopFile, db: { maxConnections: null } }),
    /^Error: copying the shop into PostgreSQL failed: spawn .*no-python ENOENT$/,
  );
  assert.deepEqual(added(processes, postgresProcesses()), []);
  assert.deepEqual(added(folders, ourFolders()), []);
});

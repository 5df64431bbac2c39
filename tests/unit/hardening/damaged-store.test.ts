// The app over a store it cannot use. A truncated or garbage file (the run store, or the demo
// shop's database): the app starts anyway, the file is moved aside byte for byte (never deleted)
// and the first listener hears a notice.
// A folder where the file should be, or a data folder that cannot exist: a clear refusal, in
// bounded time, and nothing renamed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, type App } from '../../../main/app/app.ts';
import type { BridgeEvents, RunEvent } from '../../../shared/bridge.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';

const CLI = fileURLToPath(new URL('../../../bin/interleave.js', import.meta.url));
const quickRun: ScenarioInput = {
  server: { model: 'async' },
  endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'await', ms: 2 }] }],
  load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 4 } },
};

function tempDataDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-damaged-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs a short scenario through the API and waits for its 'finished' event. */
async function runThroughApi(app: App): Promise<RunEvent & { type: 'finished' }> {
  const finished = new Promise<RunEvent & { type: 'finished' }>((resolve) =>
    app.on('run', (e) => e.type === 'finished' && resolve(e)),
  );
  await app.api.startRun(quickRun);
  return finished;
}

/** Opens the app over `bytes` written as its store; checks the rescue and that the app works. */
async function assertRescued(dataDir: string, bytes: Buffer): Promise<void> {
  const app = await openApp({ dataDir, mode: 'browser' });
  try {
    // Subscribed after openApp returned: the notice raised while opening must still arrive.
    const notices: BridgeEvents['notice'][] = [];
    app.on('notice', (n) => notices.push(n));
    // A WAL-mode file keeps its -wal and -shm beside it under the new name; the main file is the point.
    const aside = readdirSync(dataDir).filter((f) => /^runs\.db\.damaged-/.test(f) && !/-(wal|shm)$/.test(f));
    assert.equal(aside.length, 1, `one file moved aside: ${readdirSync(dataDir).join(', ')}`);
    assert.ok(readFileSync(join(dataDir, aside[0])).equals(bytes), 'the moved file is byte for byte the old one');
    assert.equal(notices.length, 1);
    assert.equal(notices[0].level, 'warning');
    assert.ok(notices[0].text.includes(join(dataDir, aside[0])), notices[0].text);
    assert.match(notices[0].text, /nothing was deleted/);

    assert.deepEqual(await app.api.listRuns(), []);
    const finished = await runThroughApi(app);
    assert.equal(finished.info.status, 'complete');
    assert.equal((await app.api.loadRun(finished.runId)).requests.length, 4);
  } finally {
    await app.close();
  }
}

test('a garbage store file: the app starts, the file is kept aside byte for byte, the user is told', async (t) => {
  const dataDir = tempDataDir(t);
  const garbage = randomBytes(64 * 1024);
  writeFileSync(join(dataDir, 'runs.db'), garbage);
  await assertRescued(dataDir, garbage);
});

test('a truncated store file: the same rescue, and the new store works', async (t) => {
  const dataDir = tempDataDir(t);
  const first = await openApp({ dataDir, mode: 'browser' });
  for (let i = 0; i < 3; i++) await runThroughApi(first);
  await first.close();
  const file = join(dataDir, 'runs.db');
  const size = readFileSync(file).length;
  truncateSync(file, Math.floor(size / 2));
  await assertRescued(dataDir, readFileSync(file));
});

test('a garbage or truncated shop database: moved aside byte for byte, the user told, and db steps work again', async (t) => {
  const dbRun: ScenarioInput = {
    server: { model: 'async', executor: 'per-request' },
    endpoints: [
      { name: 'buy', view: 'async', steps: [{ kind: 'offload', step: { kind: 'db', query: 'order-insert' } }] },
    ],
    load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 6 } },
  };
  for (const damage of ['garbage', 'truncated'] as const) {
    const dataDir = tempDataDir(t);
    const shop = join(dataDir, 'shop.db');
    if (damage === 'garbage') writeFileSync(shop, randomBytes(32 * 1024));
    else {
      const first = await openApp({ dataDir, mode: 'browser' });
      await runThroughApi(first);
      await first.close();
      truncateSync(shop, Math.floor(readFileSync(shop).length / 2));
    }
    const bytes = readFileSync(shop);
    const app = await openApp({ dataDir, mode: 'browser' });
    try {
      const notices: BridgeEvents['notice'][] = [];
      app.on('notice', (n) => notices.push(n));
      const aside = readdirSync(dataDir).filter((f) => /^shop\.db\.damaged-/.test(f) && !/-(wal|shm)$/.test(f));
      assert.equal(aside.length, 1, `${damage}: ${readdirSync(dataDir).join(', ')}`);
      assert.ok(readFileSync(join(dataDir, aside[0])).equals(bytes), `${damage}: kept byte for byte`);
      assert.match(
        notices.map((n) => n.text).join('\n'),
        /The demo shop database .* was moved to .*nothing was deleted/,
      );
      const finished = new Promise<RunEvent & { type: 'finished' }>((resolve) =>
        app.on('run', (e) => e.type === 'finished' && resolve(e)),
      );
      await app.api.startRun(dbRun);
      const { info, summary } = await finished;
      assert.deepEqual([info.status, summary?.errors], ['complete', 0], damage);
    } finally {
      await app.close();
    }
  }
});

test('a folder where the store file should be is refused by name and left where it is', async (t) => {
  const dataDir = tempDataDir(t);
  mkdirSync(join(dataDir, 'runs.db'));
  writeFileSync(join(dataDir, 'runs.db', 'keep.txt'), 'mine');
  await assert.rejects(openApp({ dataDir, mode: 'browser' }), /The run store .*runs\.db is a folder/);
  assert.deepEqual(readdirSync(dataDir), ['runs.db']);
  assert.equal(readFileSync(join(dataDir, 'runs.db', 'keep.txt'), 'utf8'), 'mine');
});

// Node's recursive mkdir spins forever under /proc; a child process keeps a regression from
// hanging the suite, and its exit (not a kill by the timeout) is the assertion.
test('a data folder that cannot be created is refused in bounded time, by --db or by the environment', () => {
  const runs = [
    { args: ['runs', '--db', '/proc/interleave-no-such-folder/runs.db'], env: {} },
    { args: ['runs'], env: { INTERLEAVE_DATA_DIR: '/proc/interleave-no-such-folder' } },
  ];
  for (const { args, env } of runs) {
    const result = spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, ...env },
    });
    assert.equal(result.signal, null, `${args.join(' ')} ended by itself, not by the timeout`);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /cannot create the folder \/proc\/interleave-no-such-folder: ENOENT/);
  }
});

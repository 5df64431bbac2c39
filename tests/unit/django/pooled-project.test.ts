/**
 * Django's connection pool in the generated project: the settings and backend a pool scenario
 * gets (PostgreSQL with OPTIONS["pool"], checked by Django itself: the settings are loaded and
 * the pool built by Django 5.2 from .venv without a server), what SQLite scenarios keep, and the
 * sentences that say when the pool cannot run on real Django.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioSchema, type ScenarioInput } from '../../../shared/scenario.ts';
import { writeDjangoProject, PROBE_PARENT_DIR } from '../../../main/django/project/write-django-project.ts';
import { djangoCannotRun, poolCannotRun } from '../../../main/django/project/expressible.ts';
import { REPO_ROOT } from '../../../main/django/python-env.ts';
import { PINNED_PYTHON_PACKAGES } from '../../fixtures/pinned-python-packages.ts';

const PYTHON = join(REPO_ROOT, '.venv', 'bin', 'python');

const scenario = (server: Record<string, unknown>): ScenarioInput => ({
  server: { model: 'async', django: '5.2', ...server },
  endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'offload', step: { kind: 'db', query: 'product-get' } }] }],
  load: { model: 'closed', end: { kind: 'requests', count: 1 } },
});

function project(t: { after: (fn: () => void) => void }, input: ScenarioInput): string {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-pooled-project-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeDjangoProject(scenarioSchema.parse(input), dir, { djangoVersion: '5.2' });
  return dir;
}

/** What Django 5.2 makes of the project's settings: its DATABASES entry and the pool it would build. */
function djangoSees(dir: string): { database: Record<string, unknown>; pool: Record<string, unknown> | null } {
  const script = `import json, django
django.setup()
from django.db import connection
pool = getattr(connection, "pool", None)
print(json.dumps({
    "database": {k: connection.settings_dict[k] for k in ("ENGINE", "NAME", "USER", "HOST", "PORT", "CONN_MAX_AGE", "OPTIONS")},
    "pool": pool and {"class": type(pool).__name__, "min": pool.min_size, "max": pool.max_size, "timeout": pool.timeout,
                      "connection": pool.connection_class.__name__, "open": not pool.closed},
}))`;
  const out = execFileSync(PYTHON, ['-c', script], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      PYTHONPATH: [dir, PROBE_PARENT_DIR].join(':'),
      PYTHONDONTWRITEBYTECODE: '1',
      DJANGO_SETTINGS_MODULE: 'interleave_site.settings',
      INTERLEAVE_SHOP_DB: join(dir, 'shop.sqlite3'),
      INTERLEAVE_PG_HOST: '127.0.0.1',
      INTERLEAVE_PG_PORT: '5999',
      INTERLEAVE_UPSTREAM: 'http://127.0.0.1:1',
      INTERLEAVE_UPSTREAM_REFUSED: 'http://127.0.0.1:1',
    },
  });
  return JSON.parse(out);
}

test('a pool of 4: Django 5.2 reads PostgreSQL with min_size = max_size = 4 and builds its pool, unopened', (t) => {
  const dir = project(t, scenario({ dbPool: 4 }));
  assert.deepEqual(djangoSees(dir), {
    database: {
      ENGINE: 'interleave_site.pooled_postgresql',
      NAME: 'shop',
      USER: 'postgres',
      HOST: '127.0.0.1',
      PORT: '5999',
      CONN_MAX_AGE: 0,
      OPTIONS: { pool: { min_size: 4, max_size: 4, timeout: 30 } },
    },
    pool: { class: 'TimedPool', min: 4, max: 4, timeout: 30, connection: 'TimedConnection', open: false },
  });
  const views = readFileSync(join(dir, 'interleave_site', 'views.py'), 'utf8');
  assert.match(
    views,
    /async def warm_up\(request\):\n {4}from django\.db import connections\n\n {4}connections\["default"\]/,
  );
});

test('without a pool the project stays on SQLite, as before', (t) => {
  const plain = djangoSees(project(t, scenario({})));
  assert.deepEqual(plain.database.ENGINE, 'django.db.backends.sqlite3');
  assert.deepEqual(plain.database.OPTIONS, { timeout: 5 });
  assert.equal(plain.pool, null);
  const connected = djangoSees(project(t, scenario({ dbConnectMs: 5, persistentConnections: true })));
  assert.equal(connected.database.ENGINE, 'interleave_site.connected_sqlite');
  assert.equal(connected.database.CONN_MAX_AGE, null);
});

const packages = PINNED_PYTHON_PACKAGES;

test('the pool runs on real Django 5.1 and later, with PostgreSQL and psycopg_pool; else a sentence says what is missing', () => {
  const pooled = scenarioSchema.parse(scenario({ dbPool: 4 }));
  const python = { path: '/venv/bin/python', packages };
  assert.equal(djangoCannotRun(pooled), null);
  assert.equal(poolCannotRun(pooled, '5.2', python, null), null);
  assert.equal(
    poolCannotRun(
      scenarioSchema.parse(scenario({})),
      '3.2',
      { ...python, packages: { ...packages, psycopg_pool: null } },
      'x',
    ),
    null,
  );
  assert.equal(
    poolCannotRun(pooled, '4.2', python, null),
    '`server.dbPool` is 4: the connection pool came in Django 5.1, and the Django found is 4.2; run it with a Python that has Django 5.1 or newer',
  );
  assert.equal(
    poolCannotRun(
      pooled,
      '5.2',
      { ...python, packages: { ...packages, psycopg_pool: null } },
      'PostgreSQL was not found',
    ),
    "`server.dbPool` is 4: Django's connection pool is PostgreSQL's (psycopg_pool), and this machine cannot run it: PostgreSQL was not found; and /venv/bin/python lacks psycopg_pool; install with: python3 -m pip install psycopg psycopg-pool (in a checkout on Debian or Ubuntu: sudo apt-get install python3-psycopg-pool libpq5, then npm run setup:python installs psycopg into .venv and links Debian's psycopg_pool there)",
  );
  assert.match(
    poolCannotRun(pooled, '5.2', { ...python, packages: { ...packages, psycopg: null, psycopg_pool: null } }, null) ??
      '',
    /: \/venv\/bin\/python lacks psycopg and psycopg_pool; install with: /,
  );
});

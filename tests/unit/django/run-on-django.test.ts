/**
 * Real Django 5.2 under uvicorn and gunicorn, driven by Interleave's load generator, drawn from
 * its probe's Server-Timing metrics: the shapes DESIGN.md promises, asserted on Django's real
 * threads and processes (not that something answered). Every server is stopped by its process
 * group id when its run ends, also when it fails; the last test checks that none is left.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../main/django/python-env.ts';
import { discoverDjangoEnvironment, startOnDjango } from '../../../main/django/index.ts';
import { openApp } from '../../../main/app/app.ts';
import { startOneRun } from '../../../main/app/one-run.ts';
import { djangoSeries } from '../../../shared/django-environment.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { lanesOf, ofPhase, runAndCollect, shapeOf, tenAtOnce } from '../engine/run-and-collect.ts';

const onDjango = (input: Omit<ScenarioInput, 'target'>) =>
  runAndCollect({ ...input, target: { kind: 'django' } }, undefined, { runner: startOnDjango });

const asgi = { model: 'async', executor: 'per-request', gil: true } as const;

test('await asyncio.sleep: ten requests overlap on the one event loop', async () => {
  const c = await onDjango({
    server: asgi,
    endpoints: [{ name: 'await-io', view: 'async', steps: [{ kind: 'await', ms: 100 }] }],
    load: tenAtOnce,
  });
  assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
  assert.equal(c.requests.length, 10);
  const awaits = ofPhase(c, 'await');
  assert.equal(awaits.length, 10);
  assert.deepEqual(
    [...lanesOf(awaits)].map((id) => c.lanes.find((l) => l.id === id)?.kind),
    ['loop'],
  );
  assert.equal(shapeOf(c).requestsAtOnce, 10);
  assert.equal(shapeOf(c).threadsAtOnce, 0);
  // Each record keeps the probe's ordinary metric (the view's time) and its client phases.
  for (const r of c.requests) {
    assert.deepEqual(
      r.serverTiming?.map((m) => [m.name, m.desc]),
      [['view', 'interleave_site.views.ep_0']],
    );
    assert.ok(r.serverTiming![0].dur! >= 100, `request ${r.id}: view ${r.serverTiming![0].dur} ms`);
    assert.ok(r.requestStart! <= r.requestEnd! && r.requestEnd! <= r.firstByte! && r.firstByte! <= r.received!);
  }
});

test('time.sleep in an async view: the loop is blocked, one request at a time', async () => {
  const c = await onDjango({
    server: asgi,
    endpoints: [{ name: 'sleepy', view: 'async', steps: [{ kind: 'block', ms: 100 }] }],
    load: tenAtOnce,
  });
  assert.equal(c.outcome.summary.errors, 0);
  const blocks = ofPhase(c, 'block');
  assert.equal(blocks.length, 10);
  assert.equal(lanesOf(blocks).size, 1);
  assert.deepEqual(shapeOf(c), { requestsAtOnce: 1, threadsAtOnce: 1 });
  // The loop-delay monitor saw the stall: one sample late by about a whole sleep.
  assert.ok(c.outcome.summary.maxLoopBlockMs >= 80, `longest loop delay ${c.outcome.summary.maxLoopBlockMs} ms`);
});

test('sync views on 4 gunicorn workers: four processes, four at a time', async () => {
  const c = await onDjango({
    server: { model: 'sync-workers', workers: 4 },
    endpoints: [{ name: 'sync-view', view: 'sync', steps: [{ kind: 'block', ms: 100 }] }],
    load: tenAtOnce,
  });
  assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
  const workers = c.lanes.filter((l) => l.kind === 'worker');
  assert.ok(workers.length <= 4 && workers.length >= 2, `${workers.length} worker lanes`);
  assert.equal(new Set(workers.map((w) => w.process)).size, workers.length);
  assert.ok(shapeOf(c).threadsAtOnce <= 4);
  assert.ok(shapeOf(c).threadsAtOnce >= 2);
});

test('sync_to_async on Django 5.2: a thread per request in flight', async () => {
  const c = await onDjango({
    server: asgi,
    endpoints: [{ name: 'offload', view: 'async', steps: [{ kind: 'offload', step: { kind: 'block', ms: 100 } }] }],
    load: tenAtOnce,
  });
  assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
  const blocks = ofPhase(c, 'block');
  assert.equal(blocks.length, 10);
  assert.equal(lanesOf(blocks).size, 10, 'ten executor threads');
  assert.ok(blocks.every((b) => c.lanes.find((l) => l.id === b.lane)?.kind === 'executor'));
  assert.equal(ofPhase(c, 'offload').length, 10);
  assert.deepEqual(shapeOf(c), { requestsAtOnce: 10, threadsAtOnce: 10 });
});

test('the sync ORM inside async def: real Django refuses it with SynchronousOnlyOperation, a 500', async () => {
  const c = await onDjango({
    server: asgi,
    endpoints: [{ name: 'orm', view: 'async', steps: [{ kind: 'db', query: 'product-get' }] }],
    load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 4 } },
  });
  assert.equal(c.outcome.summary.errors, 4);
  for (const r of c.requests) {
    assert.equal(r.status, 500);
    assert.match(r.error ?? '', /^HTTP 500: SynchronousOnlyOperation: You cannot call this from an async context/);
  }
  assert.equal(ofPhase(c, 'db').length, 0, 'no query ran');
});

test('DJANGO_ALLOW_ASYNC_UNSAFE set: real Django runs the sync ORM in async def, on the event loop thread', async () => {
  const c = await onDjango({
    server: { ...asgi, allowAsyncUnsafe: true },
    endpoints: [{ name: 'orm', view: 'async', steps: [{ kind: 'db', query: 'product-get' }] }],
    load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 4 } },
  });
  assert.equal(c.outcome.summary.errors, 0, c.requests.map((r) => r.error).join('; '));
  const queries = ofPhase(c, 'db');
  assert.ok(queries.length >= 4, `${queries.length} queries: at least one per request`);
  for (const q of queries)
    assert.equal(c.lanes.find((l) => l.id === q.lane)?.kind, 'loop', `query of request ${q.req}`);
});

test('the async ORM (aget, acreate) runs its queries on the request executor thread, not the loop', async () => {
  const c = await onDjango({
    server: asgi,
    endpoints: [
      { name: 'get', view: 'async', steps: [{ kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 20 } }] },
      { name: 'create', view: 'async', steps: [{ kind: 'offload', step: { kind: 'db', query: 'order-insert' } }] },
    ],
    load: { model: 'closed', concurrency: 4, end: { kind: 'requests', count: 12 } },
  });
  assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
  const db = ofPhase(c, 'db');
  assert.ok(db.length >= 12, `${db.length} queries`);
  assert.ok(db.every((s) => c.lanes.find((l) => l.id === s.lane)?.kind === 'executor'));
  // product-get waits its 20 ms round trip inside its query's span.
  const gets = c.requests.filter((r) => r.endpoint === 0).map((r) => r.id);
  for (const id of gets)
    assert.ok(
      db.some((s) => s.req === id && s.end - s.start >= 19_000),
      `request ${id}`,
    );
});

test('a Django that cannot start fails the run with its last words, and leaves nothing running', async (t) => {
  // A Python that answers discovery like the venv's, but whose server dies at once.
  const dir = mkdtempSync(join(tmpdir(), 'interleave-broken-python-'));
  const python = join(dir, 'python');
  const venv = join(REPO_ROOT, '.venv', 'bin', 'python');
  writeFileSync(
    python,
    `#!/bin/sh\nif [ "$1" = "-m" ]; then echo "ImportError: no module named broken_site" >&2; exit 3; fi\nexec "${venv}" "$@"\n`,
  );
  chmodSync(python, 0o755);
  const before = process.env.INTERLEAVE_PYTHON;
  process.env.INTERLEAVE_PYTHON = python;
  t.after(() => {
    if (before === undefined) delete process.env.INTERLEAVE_PYTHON;
    else process.env.INTERLEAVE_PYTHON = before;
    rmSync(dir, { recursive: true, force: true });
  });
  await assert.rejects(
    onDjango({ server: asgi, endpoints: [{ name: 'a', view: 'async', steps: [] }], load: tenAtOnce }),
    /real Django exited before it served a request; its last words:\nImportError: no module named broken_site/,
  );
});

test('the same scenario on every Django found: one executor thread on 3.x, one per request from 4.0', async () => {
  const env = await discoverDjangoEnvironment();
  const versions = djangoSeries(env);
  assert.ok(versions.length >= 1, env.problem ?? 'no Django found');
  for (const django of versions) {
    const c = await runAndCollect(
      {
        target: { kind: 'django', django },
        server: asgi,
        endpoints: [{ name: 'offload', view: 'async', steps: [{ kind: 'offload', step: { kind: 'block', ms: 100 } }] }],
        load: tenAtOnce,
      },
      undefined,
      { runner: startOnDjango },
    );
    assert.equal(c.outcome.summary.errors, 0, `Django ${django}: ${c.requests.find((r) => r.error)?.error ?? ''}`);
    const threads = lanesOf(ofPhase(c, 'block')).size;
    const expected = Number(django.split('.')[0]) >= 4 ? 10 : 1;
    assert.equal(threads, expected, `Django ${django} ran the ten offloads on ${threads} threads`);
  }
});

test('through the app: a real-Django run is stored with its versions and ends with its finished event', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'interleave-django-app-'));
  const app = await openApp({ dataDir, mode: 'browser' });
  t.after(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  // Finding Python awaits before the run exists: 'started' comes after the API's first await.
  const run = startOneRun(app, {
    target: { kind: 'django' },
    server: asgi,
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'await', ms: 10 }] }],
    load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 4 } },
  });
  const { info } = await run.finished;
  assert.equal(info.status, 'complete');
  const doc = await app.api.loadRun(info.id);
  assert.equal(doc.scenario.target.kind, 'django');
  assert.match(
    doc.scenario.target.kind === 'django' ? (doc.scenario.target.versions ?? '') : '',
    /^Django \d+\.\d+\.\d+ · uvicorn /,
  );
  assert.equal(doc.requests.length, 4);
});

test('no Django server is left running', () => {
  let left = '';
  try {
    left = execFileSync('pgrep', ['-af', 'interleave_site'], { encoding: 'utf8' });
  } catch {
    // pgrep exits 1 when nothing matches.
  }
  assert.equal(left.trim(), '');
});

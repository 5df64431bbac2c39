/**
 * Real Django 5.2 under the server shapes people deploy besides one uvicorn loop and gunicorn's
 * sync workers: `uvicorn --workers N` (a loop per process), gunicorn `-k gthread` (W processes
 * of T threads) and uvicorn's `--limit-concurrency`. Asserted on Django's real processes and
 * threads as the probe reports them; every server is stopped by its process group id.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startOnDjango } from '../../../main/django/index.ts';
import { runShape } from '../../../shared/analysis/run-shape.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { PHASE_IDS } from '../../../shared/trace.ts';
import { maxOverlap, ofPhase, runAndCollect, tenAtOnce, type Collected } from '../engine/run-and-collect.ts';

const onDjango = (input: Omit<ScenarioInput, 'target'>) =>
  runAndCollect({ ...input, target: { kind: 'django' } }, undefined, { runner: startOnDjango });

const shapeOf = (c: Collected) =>
  runShape(
    c.lanes,
    c.spans.flatMap((s) => [s.req, s.lane, PHASE_IDS.indexOf(s.phase), s.start, s.end]),
  );

test('uvicorn --workers 2: two processes, each its own loop, each blocked by time.sleep on its own', async () => {
  const c = await onDjango({
    server: { model: 'async-workers', workers: 2 },
    endpoints: [{ name: 'sleepy', view: 'async', steps: [{ kind: 'block', ms: 100 }] }],
    load: { model: 'closed', concurrency: 10, end: { kind: 'requests', count: 20 } },
  });
  assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
  const loops = c.lanes.filter((l) => l.kind === 'loop');
  // Keep-alive connections stay with the process that accepted them, and one process often
  // accepts most of a burst: both loops are seen only when each got a connection.
  assert.ok(loops.length >= 1 && loops.length <= 2, `${loops.length} loop lanes`);
  assert.equal(new Set(loops.map((l) => l.process)).size, loops.length, 'each loop in a process of its own');
  const blocks = ofPhase(c, 'block');
  assert.equal(blocks.length, 20);
  for (const loop of loops) {
    const own = blocks.filter((b) => b.lane === loop.id);
    assert.equal(maxOverlap(own), 1, `${loop.name}: one time.sleep at a time`);
  }
  assert.equal(shapeOf(c).requestsAtOnce, loops.length);
});

test('uvicorn --workers 2 with a def view: each process runs it on its own executor threads', async () => {
  const c = await onDjango({
    server: { model: 'async-workers', workers: 2 },
    endpoints: [{ name: 'sync-view', view: 'sync', steps: [{ kind: 'block', ms: 100 }] }],
    load: tenAtOnce,
  });
  assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
  const executors = c.lanes.filter((l) => l.kind === 'executor');
  const loopProcesses = new Set(c.lanes.filter((l) => l.kind === 'loop').map((l) => l.process));
  for (const e of executors) assert.ok(loopProcesses.has(e.process), `${e.name} belongs to a loop's process`);
  assert.deepEqual(shapeOf(c), { requestsAtOnce: 10, threadsAtOnce: 10 });
});

test('gunicorn gthread 2 × 8: pool threads in at most two processes, at most eight a process at once', async () => {
  const c = await onDjango({
    server: { model: 'gthread', workers: 2, threads: 8 },
    endpoints: [{ name: 'sync-view', view: 'sync', steps: [{ kind: 'block', ms: 100 }] }],
    load: tenAtOnce,
  });
  assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
  const workers = c.lanes.filter((l) => l.kind === 'worker');
  const processes = new Set(workers.map((w) => w.process));
  assert.ok(processes.size <= 2, `${processes.size} processes`);
  // Connections stay with the process that accepted them (measured: all ten in one process at
  // times, so its eight threads serve and two connections queue in that process's pool).
  for (const p of processes) assert.ok(workers.filter((w) => w.process === p).length <= 8);
  const shape = shapeOf(c);
  assert.ok(shape.threadsAtOnce >= 8 && shape.threadsAtOnce <= 10, `${shape.threadsAtOnce} threads at once`);
});

test('uvicorn --limit-concurrency 5 with ten kept-alive connections: most requests get a 503', async () => {
  const c = await onDjango({
    server: { model: 'async', limitConcurrency: 5 },
    endpoints: [{ name: 'await-io', view: 'async', steps: [{ kind: 'await', ms: 50 }] }],
    load: tenAtOnce,
  });
  assert.equal(c.requests.length, 10);
  // uvicorn refuses while a process has 5 connections or 5 requests; it answers the 503 and
  // closes, and while a client reconnects the count dips below the limit, so a few get through
  // (measured: 8 of 10 refused).
  assert.ok(c.outcome.summary.errors >= 5, `${c.outcome.summary.errors} errors`);
  for (const r of c.requests.filter((q) => q.error)) assert.equal(r.status, 503, `request ${r.id}: ${r.error}`);
});

test('gunicorn --timeout 1: the arbiter kills a worker stuck in time.sleep(3), its request fails, a new worker serves on', async () => {
  const c = await onDjango({
    server: { model: 'sync-workers', workers: 1, workerTimeoutS: 1 },
    endpoints: [{ name: 'stuck', view: 'sync', steps: [{ kind: 'block', ms: 3_000 }] }],
    load: { model: 'closed', concurrency: 1, end: { kind: 'requests', count: 2 } },
  });
  assert.equal(c.requests.length, 2);
  // gunicorn 26 aborts the worker (SIGABRT) and the dying worker answers Django's bare 500 page
  // (measured here); the second request then needs the worker the arbiter started in its place.
  assert.equal(c.outcome.summary.errors, 2, c.requests.map((r) => `${r.status} ${r.error}`).join('; '));
  for (const r of c.requests) assert.equal(r.status, 500, `request ${r.id}: ${r.error}`);
});

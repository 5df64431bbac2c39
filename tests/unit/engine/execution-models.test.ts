/**
 * Faithfulness: each execution model reproduces the shape real Django shows on a machine like
 * this one (10 requests at once, 100 ms steps). Asserted as shapes (what overlapped, what
 * waited, on which thread) and as times with tolerances for a busy 2-core machine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { laneKind, lanesOf, maxOverlap, ofPhase, runAndCollect, tenAtOnce } from './run-and-collect.ts';

const async = { model: 'async' } as const;

test('async view awaiting: ten requests overlap on the one loop, about 100 ms', async () => {
  const c = await runAndCollect({
    server: async,
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'await', ms: 100 }] }],
    load: tenAtOnce,
  });
  const s = c.outcome.summary;
  assert.equal(s.requests, 10);
  assert.equal(s.errors, 0);
  // No upper bound in ms: a loaded 2-core machine stretches it; that the ten awaits overlapped
  // (below) is what tells this model from one that serialises them.
  assert.ok(s.makespanMs >= 100, `makespan ${s.makespanMs}`);
  const awaits = ofPhase(c, 'await');
  assert.equal(awaits.length, 10);
  assert.equal(maxOverlap(awaits), 10, 'all ten awaits in flight together');
  assert.deepEqual(
    [...lanesOf(awaits)].map((l) => laneKind(c, l)),
    ['loop'],
  );
  assert.ok(s.maxLoopBlockMs < 50, `loop stayed free (${s.maxLoopBlockMs} ms)`);
});

test('async view calling time.sleep: the loop serialises them, about 1 s, and loop delay shows it', async () => {
  const c = await runAndCollect({
    server: async,
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'block', ms: 100 }] }],
    load: tenAtOnce,
  });
  const s = c.outcome.summary;
  assert.ok(s.makespanMs >= 950 && s.makespanMs < 1600, `makespan ${s.makespanMs}`);
  const blocks = ofPhase(c, 'block');
  assert.equal(blocks.length, 10);
  assert.equal(maxOverlap(blocks), 1, 'one block at a time');
  assert.equal(lanesOf(blocks).size, 1);
  assert.ok(s.maxLoopBlockMs >= 80, `loop delay ${s.maxLoopBlockMs} ms`);
});

for (const view of ['sync', 'async'] as const) {
  test(`${view} views on 4 sync workers: waves of four, about 300 ms, the rest queued for a worker`, async () => {
    const step = view === 'sync' ? { kind: 'block', ms: 100 } : { kind: 'await', ms: 100 };
    const c = await runAndCollect({
      server: { model: 'sync-workers', workers: 4 },
      endpoints: [{ name: 'a', view, steps: [step as never] }],
      load: tenAtOnce,
    });
    const s = c.outcome.summary;
    assert.ok(s.makespanMs >= 290 && s.makespanMs < 700, `makespan ${s.makespanMs}`);
    const running = ofPhase(c, 'running');
    assert.equal(running.length, 10);
    assert.equal(maxOverlap(running), 4, 'four workers busy at most');
    assert.equal(lanesOf(running).size, 4);
    for (const lane of lanesOf(running))
      assert.equal(maxOverlap(running.filter((r) => r.lane === lane)), 1, 'one request per worker at a time');
    const longQueues = ofPhase(c, 'queued').filter((q) => q.end - q.start > 50_000);
    assert.ok(longQueues.length >= 5, `${longQueues.length} requests queued for a worker`);
  });
}

test('offload under per-request: ten threads, overlapping, about 100 ms, loop free', async () => {
  const c = await runAndCollect({
    server: async,
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'offload', step: { kind: 'block', ms: 100 } }] }],
    load: tenAtOnce,
  });
  const s = c.outcome.summary;
  assert.ok(s.makespanMs >= 100 && s.makespanMs < 300, `makespan ${s.makespanMs}`);
  const blocks = ofPhase(c, 'block');
  assert.equal(lanesOf(blocks).size, 10, 'one thread per request');
  assert.ok([...lanesOf(blocks)].every((l) => laneKind(c, l) === 'executor'));
  assert.equal(maxOverlap(blocks), 10);
  assert.ok(s.maxLoopBlockMs < 50, `loop free (${s.maxLoopBlockMs} ms)`);
});

test('offload under one-thread: serialised on one thread, about 1 s, loop free', async () => {
  const c = await runAndCollect({
    server: { ...async, executor: 'one-thread' },
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'offload', step: { kind: 'block', ms: 100 } }] }],
    load: tenAtOnce,
  });
  const s = c.outcome.summary;
  assert.ok(s.makespanMs >= 950 && s.makespanMs < 1600, `makespan ${s.makespanMs}`);
  const blocks = ofPhase(c, 'block');
  assert.equal(lanesOf(blocks).size, 1);
  assert.equal(maxOverlap(blocks), 1);
  const queued = ofPhase(c, 'exec-queue').filter((q) => q.end - q.start > 50_000);
  assert.ok(queued.length >= 8, `${queued.length} waited for the executor`);
  assert.ok(s.maxLoopBlockMs < 50, `loop free (${s.maxLoopBlockMs} ms)`);
});

test('offload to a pool of 5: two waves, about 200 ms', async () => {
  const c = await runAndCollect({
    server: { ...async, executor: 'pool', poolThreads: 5 },
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'offload', step: { kind: 'block', ms: 100 } }] }],
    load: tenAtOnce,
  });
  const s = c.outcome.summary;
  assert.ok(s.makespanMs >= 195 && s.makespanMs < 500, `makespan ${s.makespanMs}`);
  const blocks = ofPhase(c, 'block');
  assert.equal(lanesOf(blocks).size, 5);
  assert.equal(maxOverlap(blocks), 5);
});

test('a sync view on the async server runs whole on the executor', async () => {
  const c = await runAndCollect({
    server: async,
    endpoints: [
      {
        name: 'a',
        view: 'sync',
        steps: [
          { kind: 'block', ms: 50 },
          { kind: 'db', query: 'product-list' },
        ],
      },
    ],
    load: { model: 'closed', concurrency: 3, end: { kind: 'requests', count: 3 } },
  });
  const running = ofPhase(c, 'running');
  assert.equal(running.length, 3);
  for (const r of running) {
    assert.equal(laneKind(c, r.lane), 'executor');
    const inner = c.spans.filter((x) => x.req === r.req && (x.phase === 'block' || x.phase === 'db'));
    assert.equal(inner.length, 2);
    assert.ok(
      inner.every((x) => x.lane === r.lane && x.start >= r.start && x.end <= r.end),
      'steps inside the view, on its thread',
    );
  }
});

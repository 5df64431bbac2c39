/**
 * Faithfulness, continued: gather, the interpreter lock, and where db work lands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { laneKind, lanesOf, maxOverlap, ofPhase, runAndCollect } from './run-and-collect.ts';

const one = { model: 'closed', concurrency: 1, end: { kind: 'requests', count: 1 } } as const;

test('gathering two offloads under per-request: one thread, one after the other, about 200 ms', async () => {
  const offload = { kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 100 } } as const;
  const c = await runAndCollect({
    server: { model: 'async' },
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'gather', steps: [offload, offload] }] }],
    load: one,
  });
  assert.ok(c.outcome.summary.p50Ms >= 195 && c.outcome.summary.p50Ms < 400, `latency ${c.outcome.summary.p50Ms}`);
  const dbs = ofPhase(c, 'db');
  assert.equal(dbs.length, 2);
  assert.equal(lanesOf(dbs).size, 1, 'the request has one thread');
  assert.equal(maxOverlap(dbs), 1, 'they do not overlap');
  assert.equal(
    ofPhase(c, 'exec-queue').filter((q) => q.end - q.start > 50_000).length,
    1,
    'the second waited for the first',
  );
});

test('gathering two awaits: they overlap, about 100 ms', async () => {
  const c = await runAndCollect({
    server: { model: 'async' },
    endpoints: [
      {
        name: 'a',
        view: 'async',
        steps: [
          {
            kind: 'gather',
            steps: [
              { kind: 'upstream', ms: 100 },
              { kind: 'upstream', ms: 100 },
            ],
          },
        ],
      },
    ],
    load: one,
  });
  assert.ok(c.outcome.summary.p50Ms >= 100 && c.outcome.summary.p50Ms < 190, `latency ${c.outcome.summary.p50Ms}`);
  const calls = ofPhase(c, 'upstream');
  assert.equal(calls.length, 2);
  assert.equal(maxOverlap(calls), 2);
});

const cpuOnPool = (gil: boolean): ScenarioInput => ({
  server: { model: 'async', executor: 'pool', poolThreads: 4, gil },
  endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'offload', step: { kind: 'cpu', ms: 50 } }] }],
  load: { model: 'closed', concurrency: 4, end: { kind: 'requests', count: 4 } },
});

test('four 50 ms cpu offloads on a pool of 4: the interpreter lock runs one at a time, about 200 ms, and the others wait for it; without it they compute together', async () => {
  const withGil = await runAndCollect(cpuOnPool(true));
  const cpu = ofPhase(withGil, 'cpu');
  assert.equal(maxOverlap(cpu), 1, 'one thread computes at a time');
  assert.equal(lanesOf(cpu).size, 4, 'on four threads');
  const waited = ofPhase(withGil, 'gil').reduce((sum, s) => sum + (s.end - s.start) / 1000, 0);
  // Each thread waits while the other three compute: well over 150 ms of waiting in all.
  assert.ok(waited >= 150, `threads waited ${waited} ms for the lock`);
  // The holder lets go every 5 ms when others wait, so the work interleaves rather than queues.
  assert.ok(cpu.length >= 12, `${cpu.length} cpu slices`);
  const gilMakespan = withGil.outcome.summary.makespanMs;
  assert.ok(gilMakespan >= 180 && gilMakespan < 600, `with the lock: ${gilMakespan} ms`);

  const free = await runAndCollect(cpuOnPool(false));
  assert.ok(maxOverlap(ofPhase(free, 'cpu')) >= 2, 'free threads compute together');
  assert.equal(ofPhase(free, 'gil').length, 0);
  // How much sooner they finish depends on free cores, a timing claim: the bench's, not a test's.
});

test('a db step is a db span on the thread that ran it (inline under DJANGO_ALLOW_ASYNC_UNSAFE)', async () => {
  const c = await runAndCollect({
    server: { model: 'async', allowAsyncUnsafe: true },
    endpoints: [
      { name: 'inline', view: 'async', steps: [{ kind: 'db', query: 'product-list' }] },
      { name: 'offloaded', view: 'async', steps: [{ kind: 'offload', step: { kind: 'db', query: 'order-insert' } }] },
    ],
    load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 20 } },
  });
  assert.equal(c.outcome.summary.errors, 0);
  const dbs = ofPhase(c, 'db');
  assert.equal(dbs.length, 20);
  const byEndpoint = new Map(c.requests.map((r) => [r.id, r.endpoint]));
  for (const d of dbs) assert.equal(laneKind(c, d.lane), byEndpoint.get(d.req) === 0 ? 'loop' : 'executor');
});

test('threads used: a sync view on a pool of 4 uses the loop and four threads, with the lock on or off', async () => {
  for (const gil of [true, false]) {
    const c = await runAndCollect({
      server: { model: 'async', executor: 'pool', poolThreads: 4, gil },
      endpoints: [{ name: 'a', view: 'sync', steps: [{ kind: 'cpu', ms: 20 }] }],
      load: { model: 'closed', concurrency: 4, end: { kind: 'requests', count: 4 } },
    });
    const executors = lanesOf(ofPhase(c, 'running'));
    assert.equal(executors.size, 4, `lock ${gil ? 'on' : 'off'}: one request per executor thread`);
    // 1 event loop (it read and answered all four) + 4 executor threads.
    assert.equal(c.outcome.summary.threadsUsed, 5, `lock ${gil ? 'on' : 'off'}`);
  }
});

/**
 * Django 3.x's ASGI handler sends `request_started` through sync_to_async(thread_sensitive=True):
 * with one thread for the process, a view that only awaits still hops onto that thread first,
 * and waits there behind another request's offload. The repro: one endpoint offloading a
 * 100 ms block, another awaiting 10 ms, one thread, ten users. Asserted by order of events on the
 * executor's lane (a hop submitted while another request's block held the thread starts only
 * after that block ended), never by durations. From Django 4.0 (a thread per request) the await
 * endpoint touches no executor thread at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Executor, ScenarioInput } from '../../../shared/scenario.ts';
import { runAndCollect, type Collected, type CollectedSpan } from './run-and-collect.ts';

function repro(executor: Executor): ScenarioInput {
  return {
    server: { model: 'async', executor },
    endpoints: [
      { name: 'report', view: 'async', steps: [{ kind: 'offload', step: { kind: 'block', ms: 100 } }] },
      { name: 'ping', view: 'async', steps: [{ kind: 'await', ms: 10 }] },
    ],
    load: { model: 'closed', concurrency: 10, end: { kind: 'requests', count: 30 } },
    seed: 7,
  };
}

const endpointOf = (c: Collected) => new Map(c.requests.map((r) => [r.id, r.endpoint]));
const executorLanes = (c: Collected) => new Set(c.lanes.filter((l) => l.kind === 'executor').map((l) => l.id));
const onExecutor = (c: Collected, phase: string) => {
  const lanes = executorLanes(c);
  return c.spans.filter((s) => s.phase === phase && lanes.has(s.lane));
};

test('one thread (Django 3.x): every request hops onto it first, and a ping waits behind a report', async () => {
  const c = await runAndCollect(repro('one-thread'));
  assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
  assert.equal(c.outcome.summary.errors, 0);
  const endpoint = endpointOf(c);
  const pings = c.requests.filter((r) => r.endpoint === 1).map((r) => r.id);
  assert.ok(pings.length >= 5, `seed 7 picks ${pings.length} pings of 30`);
  const queues = onExecutor(c, 'exec-queue');
  // Each request waits on the thread once for its hop; each report once more for its block.
  for (const r of c.requests) {
    const waits = queues.filter((q) => q.req === r.id).length;
    assert.equal(waits, r.endpoint === 0 ? 2 : 1, `request ${r.id} (${r.endpoint === 0 ? 'report' : 'ping'})`);
  }
  const blocks = onExecutor(c, 'block');
  const heldBehind = (hop: CollectedSpan) =>
    blocks.some((b) => b.req !== hop.req && b.start <= hop.start && b.end <= hop.end && b.end > hop.start);
  const waited = queues.filter((q) => endpoint.get(q.req) === 1 && heldBehind(q));
  assert.ok(waited.length > 0, 'some ping hop was submitted while a report held the thread, and ran after it');
});

test('a thread per request (Django 4.0+): the awaiting endpoint never touches an executor thread', async () => {
  const c = await runAndCollect(repro('per-request'));
  assert.equal(c.outcome.summary.errors, 0);
  const endpoint = endpointOf(c);
  const lanes = executorLanes(c);
  const pingOnExecutor = c.spans.filter((s) => lanes.has(s.lane) && endpoint.get(s.req) === 1);
  assert.deepEqual(pingOnExecutor, []);
});

test('one thread, views that only await: the executor thread exists for the hops, one per request', async () => {
  const c = await runAndCollect({
    server: { model: 'async', executor: 'one-thread' },
    endpoints: [{ name: 'ping', view: 'async', steps: [{ kind: 'await', ms: 5 }] }],
    load: { model: 'closed', concurrency: 3, end: { kind: 'requests', count: 6 } },
  });
  assert.equal(executorLanes(c).size, 1);
  const hops = onExecutor(c, 'exec-queue');
  assert.deepEqual(
    hops.map((h) => h.req).sort((a, b) => a - b),
    [0, 1, 2, 3, 4, 5],
  );
  // The view's await comes after its hop: the hop's wait ends before the view starts.
  for (const h of hops) {
    const awaited = c.spans.find((s) => s.req === h.req && s.phase === 'await');
    assert.ok(awaited && awaited.start >= h.end, `request ${h.req}: its view began after its hop`);
  }
});

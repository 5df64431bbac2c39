// The load generator warms up (and, in the open model, rehearses its schedule for 300 ms) before
// the measured window: none of that may leak into the run. Ids are exactly 0…n-1, every request
// was answered by the view it names, each has the server's stamps, no span belongs to a request
// outside the run, and nothing happened before the window opened. Run time 0 is stamped by the
// engine's thread just before it tells the load generator to start; a request scheduled from the
// rehearsal's clock, or answered during it, would carry a time before 0. The order of each
// request's stamps (intended ≤ sent ≤ accepted ≤ responded ≤ received), taken on three threads
// from one clock, is checked too: an order, not a duration, so a loaded machine cannot break it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAndCollect } from '../run-and-collect.ts';

const endpoints = [
  { name: 'a', view: 'async' as const, weight: 1, steps: [{ kind: 'await' as const, ms: 2 }] },
  { name: 'b', view: 'async' as const, weight: 1, steps: [] },
];

for (const load of [
  { model: 'open' as const, rateRps: 400, maxInFlight: 20, end: { kind: 'requests' as const, count: 120 } },
  { model: 'closed' as const, concurrency: 4, end: { kind: 'requests' as const, count: 120 } },
]) {
  test(`${load.model} model: warm-up and rehearsal leave no trace in the run`, async () => {
    const c = await runAndCollect({ server: { model: 'async' }, endpoints, load });
    assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
    assert.deepEqual(
      c.requests.map((r) => r.id).sort((x, y) => x - y),
      Array.from({ length: 120 }, (_, i) => i),
    );
    for (const r of c.requests) {
      assert.deepEqual([r.status, r.error], [200, null], `request ${r.id}`);
      assert.ok(r.accepted !== null && r.responded !== null, `request ${r.id} has the server's stamps`);
    }
    // Only endpoint "a" awaits: one await span per request of "a", none for "b", none unowned.
    const awaits = c.spans.filter((s) => s.phase === 'await');
    assert.deepEqual(
      awaits.map((s) => s.req).sort((x, y) => x - y),
      c.requests
        .filter((r) => r.endpoint === 0)
        .map((r) => r.id)
        .sort((x, y) => x - y),
    );
    assert.ok(c.requests.some((r) => r.endpoint === 1));
    const ids = new Set(c.requests.map((r) => r.id));
    assert.deepEqual(
      c.spans.filter((s) => !ids.has(s.req)).slice(0, 3),
      [],
      'every span belongs to a request of the run',
    );
    for (const r of c.requests) {
      const stamps = [r.intended, r.sent, r.accepted!, r.responded!, r.received!];
      assert.ok(r.intended >= 0, `request ${r.id} was scheduled at ${r.intended} µs, before the window opened`);
      assert.deepEqual(
        [...stamps].sort((x, y) => x - y),
        stamps,
        `request ${r.id}: intended, sent, accepted, responded, received in that order`,
      );
    }
    assert.ok(
      c.loop.every((l) => l.t >= 0),
      'no loop sample from before the window',
    );
  });
}

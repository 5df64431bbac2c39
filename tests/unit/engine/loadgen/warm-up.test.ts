// The load generator warms up (and, in the open model, rehearses its schedule) before the
// measured window: none of that may leak into the run. Ids are exactly 0…n-1, every request was
// answered by the view it names, each has the server's stamps, and the open model's arrivals
// keep their schedule from the window's start.
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
    if (load.model === 'open') {
      // Constant arrivals 2.5 ms apart from the first: the rehearsal did not shift or thin them.
      const intended = c.requests.map((r) => r.intended).sort((x, y) => x - y);
      for (let i = 1; i < intended.length; i++)
        assert.ok(Math.abs(intended[i] - intended[i - 1] - 2500) < 1, `gap ${i}`);
    }
  });
}

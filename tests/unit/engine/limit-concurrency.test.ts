/**
 * uvicorn's --limit-concurrency N in the model: a request arriving while N connections are open
 * or N requests run is answered 503 "Service Unavailable" without running its view. With N = 5
 * and ten users whose views await 2 s, at most 5 of the first ten requests can run (five running
 * tasks refuse the rest), and every refusal is a 503 with uvicorn's body: counted, not timed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { runAndCollect } from './run-and-collect.ts';

const scenario: ScenarioInput = {
  server: { model: 'async', limitConcurrency: 5 },
  endpoints: [{ name: 'await', view: 'async', steps: [{ kind: 'await', ms: 2000 }] }],
  load: { model: 'closed', concurrency: 10, end: { kind: 'requests', count: 10 } },
};

test('--limit-concurrency 5 with ten users: the first ten requests are at most five 200s, the rest 503s', async () => {
  const c = await runAndCollect(scenario);
  assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
  const first = [...c.requests].sort((a, b) => a.id - b.id).slice(0, 10);
  assert.equal(first.length, 10);
  const refused = first.filter((r) => r.status === 503);
  for (const r of refused) assert.equal(r.error, 'Service Unavailable', `request ${r.id}`);
  const served = first.filter((r) => r.status === 200);
  assert.equal(served.length + refused.length, 10, 'every request is a 200 or a 503');
  assert.ok(served.length <= 5, `${served.length} served: five running tasks refuse the rest`);
  assert.ok(refused.length >= 5, `${refused.length} refused`);
});

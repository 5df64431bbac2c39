// An upstream that refuses connections, never answers, or resets them: the run still completes,
// each affected request is an error (a gateway's status: 504 for the call that timed out, 502 for
// the others, with the reason in words) whose upstream phase shows on the timeline, and requests
// that do not call the upstream are untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { runAndCollect, type Collected } from '../engine/run-and-collect.ts';

const TIMEOUT_MS = 200;
const REASONS = {
  refuse: 'upstream: connection refused',
  hang: `upstream: timed out after ${TIMEOUT_MS} ms`,
  reset: 'upstream: connection reset',
} as const;
type Fault = keyof typeof REASONS;
/** A gateway timeout for the hung call; a bad gateway for the refused and the reset one. */
const STATUS: Record<Fault, number> = { refuse: 502, hang: 504, reset: 502 };

const call = (fault: Fault, blocking: boolean) =>
  ({ kind: 'upstream', ms: 20, fault, timeoutMs: TIMEOUT_MS, blocking }) as const;

/** Checks every request of endpoint `index`: failed for `fault` with its upstream span, or fine. */
function assertRequests(c: Collected, index: number, fault: Fault | null, phase: 'upstream' | 'upstream-block') {
  const requests = c.requests.filter((r) => r.endpoint === index);
  assert.ok(requests.length > 0, `endpoint ${index} was called`);
  for (const r of requests) {
    if (fault === null) {
      assert.deepEqual([r.status, r.error], [200, null], `request ${r.id}`);
      continue;
    }
    assert.deepEqual([r.status, r.error], [STATUS[fault], REASONS[fault]], `request ${r.id}`);
    const spans = c.spans.filter((s) => s.req === r.id && s.phase === phase);
    assert.equal(spans.length, 1, `request ${r.id} has its ${phase} span`);
    // The call lasted until the fault ended it: at least the timeout when the upstream hung.
    if (fault === 'hang') assert.ok(spans[0].end - spans[0].start >= TIMEOUT_MS * 0.9 * 1000, `request ${r.id}`);
  }
}

for (const fault of ['refuse', 'hang', 'reset'] as const) {
  test(`upstream fault "${fault}": the run completes, the calls are ${STATUS[fault]} errors saying why, on the timeline`, async () => {
    const scenario: ScenarioInput = {
      server: { model: 'async', executor: 'per-request' },
      endpoints: [
        { name: 'healthy', view: 'async', steps: [{ kind: 'await', ms: 5 }] },
        { name: 'awaited', view: 'async', steps: [call(fault, false)] },
        { name: 'blocking', view: 'async', steps: [call(fault, true)] },
        { name: 'offloaded', view: 'async', steps: [{ kind: 'offload', step: call(fault, false) }] },
      ],
      load: { model: 'closed', concurrency: 4, end: { kind: 'requests', count: 24 } },
    };
    const c = await runAndCollect(scenario);
    assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
    assert.equal(c.requests.length, 24);
    assert.equal(c.outcome.summary.errors, c.requests.filter((r) => r.endpoint !== 0).length);
    assertRequests(c, 0, null, 'upstream');
    assertRequests(c, 1, fault, 'upstream');
    assertRequests(c, 2, fault, 'upstream-block');
    assertRequests(c, 3, fault, 'upstream-block');
  });
}

test('upstream faults under sync workers: every fault is an error of its own request only', async () => {
  const c = await runAndCollect({
    server: { model: 'sync-workers', workers: 2 },
    endpoints: [
      { name: 'healthy', view: 'sync', steps: [{ kind: 'block', ms: 5 }] },
      { name: 'refused', view: 'sync', steps: [call('refuse', true)] },
      { name: 'hung', view: 'sync', steps: [call('hang', true)] },
      { name: 'reset', view: 'sync', steps: [call('reset', true)] },
    ],
    load: { model: 'closed', concurrency: 4, end: { kind: 'requests', count: 24 } },
  });
  assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
  assert.equal(c.requests.length, 24);
  assertRequests(c, 0, null, 'upstream-block');
  assertRequests(c, 1, 'refuse', 'upstream-block');
  assertRequests(c, 2, 'hang', 'upstream-block');
  assertRequests(c, 3, 'reset', 'upstream-block');
});

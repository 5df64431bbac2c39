/** A sweep's plan: which users each step has, its requests, its scenario and its progress line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPreset } from '../../../shared/presets.ts';
import { scenarioSchema } from '../../../shared/scenario.ts';
import { describeSweepProgress, requestsForStep, stepScenario, sweepUsers } from '../../../shared/sweep-plan.ts';

test('users double from `from`, end exactly at `to`, and a sweep from 1 with 3 steps or more ends at 1 again', () => {
  assert.deepEqual(sweepUsers(1, 64), [1, 2, 4, 8, 16, 32, 64, 1]);
  assert.deepEqual(sweepUsers(1, 50), [1, 2, 4, 8, 16, 32, 50, 1]);
  assert.deepEqual(sweepUsers(1, 4), [1, 2, 4, 1]);
  assert.deepEqual(sweepUsers(1, 2), [1, 2]);
  assert.deepEqual(sweepUsers(4, 16), [4, 8, 16]);
  assert.deepEqual(sweepUsers(3, 3), [3]);
  assert.deepEqual(sweepUsers(1, 1), [1]);
});

test('requests per step: max(20, 5 × users) unless given', () => {
  assert.deepEqual(
    [1, 4, 5, 16, 256].map((n) => requestsForStep({ requestsPerStep: null }, n)),
    [20, 20, 25, 80, 1280],
  );
  assert.equal(requestsForStep({ requestsPerStep: 7 }, 64), 7);
});

test("a step's scenario: the base with a closed load of N users, no think time, N requests; target and views kept", () => {
  const base = scenarioSchema.parse({
    ...findPreset('sync-workers')!.scenario,
    target: { kind: 'django', django: '5.2' },
    load: { model: 'open', rateRps: 50, thinkMs: 30, timeoutMs: 2000, end: { kind: 'duration', seconds: 3 } },
    seed: 7,
  });
  const step = stepScenario(base, 8, 40);
  assert.equal(step.name, 'sweep 8 users · Sync views on 4 workers');
  assert.equal(stepScenario(base, 1, 20).name, 'sweep 1 user · Sync views on 4 workers');
  assert.deepEqual(step.load, {
    ...base.load,
    model: 'closed',
    concurrency: 8,
    thinkMs: 0,
    end: { kind: 'requests', count: 40 },
  });
  assert.deepEqual(
    [step.target, step.server, step.endpoints, step.seed],
    [base.target, base.server, base.endpoints, 7],
  );
  assert.equal(scenarioSchema.safeParse(step).success, true);
});

test('the progress line: "step 3 of 7: 4 users, 37/40 requests"', () => {
  const p = { sweepId: 1, step: 3, of: 7, users: 4, done: 37, total: 40, phase: 'running' as const };
  assert.equal(describeSweepProgress(p), 'step 3 of 7: 4 users, 37/40 requests');
  assert.equal(describeSweepProgress({ ...p, users: 1, phase: 'starting', done: 0 }), 'step 3 of 7: 1 user, starting');
});

/**
 * The sweep's verdict on hand-made steps: each shape named with its preset and the single-request
 * latency, and a refusal (with its reason) where the data cannot carry a verdict.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MeasuredStep } from '../../../../shared/analysis/effective-concurrency.ts';
import { analyseSweep } from '../../../../shared/analysis/sweep-analysis.ts';
import { VERDICT_PRESETS } from '../../../../shared/analysis/sweep-verdict.ts';
import { uslThroughput } from '../../../../shared/analysis/usl-fit.ts';
import { findPreset } from '../../../../shared/presets.ts';

const USERS = [1, 2, 4, 8, 16];

/** A closed-load step with no think time: every user always has a request out, so mean = N / X. */
function step(users: number, throughputRps: number, extra: Partial<MeasuredStep> = {}): MeasuredStep {
  const meanMs = (users / throughputRps) * 1000;
  return { users, completed: 5 * users + 20, errors: 0, throughputRps, meanMs, p50Ms: meanMs, p95Ms: meanMs, ...extra };
}

test('a plateau at 4 (4 workers of 100 ms): "about 4 at a time", like 4 sync workers', () => {
  const a = analyseSweep(USERS.map((n) => step(n, 10 * Math.min(n, 4))));
  assert.deepEqual(
    a.steps.map((s) => s.inService),
    [1, 2, 4, 4, 4],
  );
  assert.equal(a.verdict.kind, 'plateau');
  assert.equal(a.verdict.atOnce, 4);
  assert.equal(a.verdict.presetId, 'sync-workers');
  assert.equal(a.verdict.singleRequestMs, 100);
  assert.equal(
    a.verdict.sentence,
    'Serves about 4 requests at a time while each takes 100 ms alone: like 4 sync workers.',
  );
});

test('a noisy plateau whose last step jumps (in service 1, 2, 3.7, 3.2, 4.33) is still about 4, not growth', () => {
  const a = analyseSweep([1, 2, 4, 8, 16].map((n, i) => step(n, [10, 20, 37, 32, 43.3][i])));
  assert.equal(a.verdict.kind, 'plateau');
  assert.equal(a.verdict.atOnce, 4);
});

test('a slow first step (135 ms alone, then 104 ms at 2 users) does not inflate the plateau: the fastest step stands in', () => {
  // 4 workers of 104 ms: 9.6 req/s a worker. The 1-user step was slowed to 135 ms by the machine.
  const steps = [1, 2, 4, 8, 16].map((n) => step(n, (1000 / 104) * Math.min(n, 4)));
  steps[0] = step(1, 1000 / 135);
  const a = analyseSweep(steps);
  assert.equal(a.singleRequest?.meanMs.toFixed(6), '104.000000');
  assert.equal(a.verdict.atOnce, 4);
  assert.match(a.verdict.sentence, /about 4 requests at a time while each takes 104 ms alone/);
});

test('1 user again at the end: the faster of the two 1-user steps is a request alone; steps stay in the order run', () => {
  // Slow at the start (130 ms), 100 ms at the end: the plateau is 4, not 5.2.
  const steps = [step(1, 1000 / 130), ...[2, 4, 8, 16].map((n) => step(n, 10 * Math.min(n, 4))), step(1, 10)];
  const a = analyseSweep(steps);
  assert.equal(a.singleRequest?.meanMs, 100);
  assert.equal(a.verdict.atOnce, 4);
  assert.deepEqual(
    a.steps.map((s) => [s.users, Number(s.inService.toFixed(2))]),
    [
      [1, 0.77],
      [2, 2],
      [4, 4],
      [8, 4],
      [16, 4],
      [1, 1],
    ],
  );
});

test('one at a time (a blocked loop): the event-loop sentence and async-time-sleep', () => {
  const a = analyseSweep(USERS.map((n) => step(n, 10)));
  assert.equal(a.verdict.kind, 'one-at-a-time');
  assert.equal(a.verdict.presetId, 'async-time-sleep');
  assert.match(
    a.verdict.sentence,
    /^Serves about 1 request at a time while each takes 100 ms alone: something blocks the event loop \(like `time\.sleep` in an async view\) or everything runs on one thread/,
  );
});

test('free overlap (await): "overlaps freely up to 16 users" and async-await', () => {
  const a = analyseSweep(USERS.map((n) => step(n, 10 * n)));
  assert.equal(a.verdict.kind, 'free');
  assert.equal(a.verdict.presetId, 'async-await');
  assert.equal(a.verdict.atOnce, 16);
  assert.equal(
    a.verdict.sentence,
    'Overlaps freely up to 16 users (about 16 in service at 16) while each takes 100 ms alone: non-blocking (like `await` in an async view).',
  );
});

test('a plateau with a fall (USL σ 0.05, κ 0.002 from 1 to 64): about 7 at a time, falling past about 22', () => {
  const law = { sigma: 0.05, kappa: 0.002, lambda: 10 };
  const a = analyseSweep([1, 2, 4, 8, 16, 32, 64].map((n) => step(n, uslThroughput(law, n))));
  // C(16) = 71.75 / 10 = 7.17 and C(32) = 7.06 are within 15% of the highest; C(64) = 5.24 is below 80%.
  assert.equal(a.verdict.kind, 'plateau');
  assert.equal(a.verdict.atOnce, 7);
  assert.match(
    a.verdict.sentence,
    /about 7 requests at a time .*like 7 sync workers; past about 22 users throughput falls again/,
  );
});

test('more than 32 at once is a cap, not "sync workers"', () => {
  const a = analyseSweep([1, 4, 16, 64, 128].map((n) => step(n, 10 * Math.min(n, 48))));
  assert.equal(a.verdict.kind, 'plateau');
  assert.equal(a.verdict.atOnce, 48);
  assert.match(a.verdict.sentence, /a cap of about 48/);
});

test('without a 1-user step the latency comes from the fit, and the sentence says so', () => {
  const a = analyseSweep([2, 4, 8, 16].map((n) => step(n, 10 * Math.min(n, 4))));
  assert.equal(a.singleRequest?.estimated, true);
  assert.equal(a.verdict.kind, 'plateau');
  assert.match(a.verdict.sentence, /estimated from the fit: the sweep did not start at 1 user/);
});

test('no verdict from failures, few requests, a zigzag or too few steps: the reason instead', () => {
  const plateau = USERS.map((n) => step(n, 10 * Math.min(n, 4)));
  const failing = plateau.map((s) => (s.users === 8 ? { ...s, completed: 40, errors: 3 } : s));
  const cases: [MeasuredStep[], RegExp][] = [
    [
      failing,
      /^Cannot say what this endpoint behaves like: 7\.5% of the requests failed at 8 users; a verdict needs at most 5% in every step\.$/,
    ],
    [plateau.map((s) => (s.users === 2 ? { ...s, completed: 6 } : s)), /only 6 requests finished at 2 users/],
    [
      [step(1, 10), step(2, 20), step(4, 12), step(8, 40)],
      /throughput fell from 20 req\/s \(2 users\) to 12 req\/s \(4\) and rose again to 40 req\/s \(8\): too noisy/,
    ],
    [plateau.slice(0, 2), /needs steps at 3 or more numbers of users \(1, 2 and 4, say\); this sweep has 2/],
    [[...plateau.slice(0, 2), plateau[0]], /this sweep has 2/],
  ];
  for (const [steps, reason] of cases) {
    const a = analyseSweep(steps);
    assert.equal(a.verdict.kind, 'cannot-say');
    assert.equal(a.verdict.presetId, null);
    assert.match(a.verdict.sentence, reason);
  }
  // 5% exactly is still a verdict.
  assert.equal(
    analyseSweep(plateau.map((s) => (s.users === 8 ? { ...s, completed: 40, errors: 2 } : s))).verdict.kind,
    'plateau',
  );
});

test('every preset a verdict names exists', () => {
  for (const id of Object.values(VERDICT_PRESETS)) assert.ok(findPreset(id), id);
});

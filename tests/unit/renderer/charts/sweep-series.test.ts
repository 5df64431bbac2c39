import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sweepRows, usersDomain, usersTicks } from '../../../../renderer/src/charts/sweep-series.ts';
import type { SweepStep } from '../../../../shared/sweep.ts';

const step = (users: number, throughputRps: number): SweepStep => ({
  users,
  completed: 20,
  errors: 0,
  throughputRps,
  meanMs: 100,
  p50Ms: 100 * users,
  p95Ms: 120 * users,
  runId: users,
  status: 'complete',
  planned: 20,
  capped: false,
});

test('rows: each step measured (1 user twice), the curve log-spaced between the ends, sorted by users', () => {
  const fit = { sigma: 0, kappa: 0, lambda: 10, peakUsers: null, rSquared: 1 };
  const rows = sweepRows([step(1, 10), step(4, 40), step(1, 9)], fit, [1, 2, 4, 1]);
  assert.deepEqual(rows.slice(0, 3), [
    { users: 1, rps: 10, p50: 100, p95: 120 },
    { users: 1, rps: 9, p50: 100, p95: 120 },
    { users: 1, usl: 10 },
  ]);
  assert.deepEqual(rows.slice(-2), [
    { users: 4, rps: 40, p50: 400, p95: 480 },
    { users: 4, usl: 40 },
  ]);
  assert.equal(rows.length, 3 + 49, 'three steps and 49 curve samples from 1 to 4');
  assert.ok(rows.every((r, i) => i === 0 || r.users >= rows[i - 1].users));
  const curve = rows.filter((r) => r.usl !== undefined);
  assert.ok(
    curve.every((r) => Math.abs(r.usl! - 10 * r.users) < 1e-9),
    'σ = κ = 0 is linear',
  );
});

test('no fit, no curve; the users axis is the planned range', () => {
  assert.deepEqual(sweepRows([step(1, 10)], null, [1, 2]), [{ users: 1, rps: 10, p50: 100, p95: 120 }]);
  assert.deepEqual(usersDomain([1, 2, 4, 8, 16]), [1, 16]);
  assert.deepEqual(usersDomain([4]), [1, 8]);
  assert.deepEqual(usersDomain([]), [1, 2]);
  // 1 user is measured twice but ticked once (recharts keys its ticks by value).
  assert.deepEqual(usersTicks([1, 2, 4, 8, 16, 1]), [1, 2, 4, 8, 16]);
});

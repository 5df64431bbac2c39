/**
 * The Universal Scalability Law fit: known σ, κ, λ recovered from the law's own numbers (with and
 * without noise), the edge shapes (linear, flat), and a seeded fuzzer: whatever the steps, the fit
 * never throws and gives finite, non-negative numbers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fitUsl, uslThroughput } from '../../../../shared/analysis/usl-fit.ts';
import { assertFuzz } from '../../hardening/fuzz-seed.ts';

const USERS = [1, 2, 4, 8, 16, 32, 64];

test('the law by hand: σ 0.05, κ 0.002, λ 120 at 2, 16 and 64 users', () => {
  const law = { sigma: 0.05, kappa: 0.002, lambda: 120 };
  // 240 / (1 + 0.05 + 0.004) = 227.70; 1920 / (1 + 0.75 + 0.48) = 860.99; 7680 / (1 + 3.15 + 8.064) = 628.79
  assert.equal(uslThroughput(law, 2).toFixed(2), '227.70');
  assert.equal(uslThroughput(law, 16).toFixed(2), '860.99');
  assert.equal(uslThroughput(law, 64).toFixed(2), '628.79');
});

test('recovers σ, κ and λ from noise-free steps (σ ±0.0001, κ and λ ±0.1%), and the peak √(0.95/0.002) = 21.79', () => {
  const law = { sigma: 0.05, kappa: 0.002, lambda: 120 };
  const fit = fitUsl(USERS.map((users) => ({ users, throughputRps: uslThroughput(law, users) })));
  assert.ok(fit);
  assert.ok(Math.abs(fit.sigma - 0.05) < 1e-4, `σ ${fit.sigma}`);
  assert.ok(Math.abs(fit.kappa / 0.002 - 1) < 1e-3, `κ ${fit.kappa}`);
  assert.ok(Math.abs(fit.lambda / 120 - 1) < 1e-3, `λ ${fit.lambda}`);
  assert.ok(Math.abs(fit.peakUsers! - 21.79) < 0.05, `N* ${fit.peakUsers}`);
  assert.ok(fit.rSquared > 0.999999);
});

test('recovers a contention-only law (κ = 0: no peak) and a second law with a peak inside the sweep', () => {
  const contention = fitUsl(
    USERS.map((users) => ({ users, throughputRps: uslThroughput({ sigma: 0.2, kappa: 0, lambda: 10 }, users) })),
  );
  assert.ok(contention);
  assert.ok(Math.abs(contention.sigma - 0.2) < 1e-4, `σ ${contention.sigma}`);
  assert.ok(contention.kappa < 1e-8, `κ ${contention.kappa}`);
  assert.ok(Math.abs(contention.lambda - 10) < 0.01);
  const law = { sigma: 0.3, kappa: 0.01, lambda: 50 };
  const peaked = fitUsl(USERS.map((users) => ({ users, throughputRps: uslThroughput(law, users) })));
  assert.ok(peaked);
  assert.ok(Math.abs(peaked.sigma - 0.3) < 1e-4 && Math.abs(peaked.kappa / 0.01 - 1) < 1e-3);
  // √(0.7 / 0.01) = 8.37
  assert.ok(Math.abs(peaked.peakUsers! - 8.37) < 0.01, `N* ${peaked.peakUsers}`);
});

test('with ±3% noise the fit stays close: σ ±0.01, κ ±10%, λ ±2%', () => {
  const law = { sigma: 0.05, kappa: 0.002, lambda: 120 };
  const noise = [1.03, 0.97, 1.02, 0.98, 1.03, 0.97, 1.01];
  const fit = fitUsl(USERS.map((users, i) => ({ users, throughputRps: uslThroughput(law, users) * noise[i] })));
  assert.ok(fit);
  assert.ok(Math.abs(fit.sigma - 0.05) < 0.01, `σ ${fit.sigma}`);
  assert.ok(Math.abs(fit.kappa / 0.002 - 1) < 0.1, `κ ${fit.kappa}`);
  assert.ok(Math.abs(fit.lambda / 120 - 1) < 0.02, `λ ${fit.lambda}`);
});

test('edge shapes: linear growth is σ = κ = 0; flat throughput is σ = 1; fewer than 3 points is no fit', () => {
  const linear = fitUsl([1, 2, 4, 8].map((users) => ({ users, throughputRps: 10 * users })));
  assert.deepEqual(
    [linear!.sigma, linear!.kappa, Number(linear!.lambda.toFixed(6)), linear!.peakUsers],
    [0, 0, 10, null],
  );
  const flat = fitUsl([1, 2, 4, 8].map((users) => ({ users, throughputRps: 10 })));
  assert.ok(Math.abs(flat!.sigma - 1) < 1e-6, `σ ${flat!.sigma}`);
  assert.equal(flat!.kappa, 0);
  assert.equal(Number(flat!.lambda.toFixed(6)), 10);
  assert.equal(
    fitUsl([
      { users: 1, throughputRps: 10 },
      { users: 2, throughputRps: 20 },
    ]),
    null,
  );
  assert.equal(fitUsl([]), null);
});

test('fuzz: any steps give null or finite, non-negative σ ≤ 1, κ, λ, peak ≥ 1 and R² in 0..1', async (t) => {
  const value = fc.oneof(
    fc.double({ min: 0, max: 1e6, noNaN: true }),
    fc.constantFrom(0, -1, Number.NaN, Infinity, -Infinity, 1e-300, 1e300),
  );
  const step = fc.record({ users: fc.oneof(fc.integer({ min: 1, max: 1000 }), value), throughputRps: value });
  await assertFuzz(t, 'USL fit', 300, (count) =>
    fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
      count();
      const fit = fitUsl(steps);
      if (fit === null) return;
      for (const [name, v] of Object.entries(fit)) {
        if (v === null) continue;
        assert.ok(Number.isFinite(v) && v >= 0, `${name} is ${v}`);
      }
      assert.ok(fit.sigma <= 1 && fit.rSquared <= 1);
      if (fit.peakUsers !== null) assert.ok(fit.peakUsers >= 1);
    }),
  );
});

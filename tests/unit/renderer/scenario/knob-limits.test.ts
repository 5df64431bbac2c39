import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  KNOB_LIMITS,
  LINEAR_HEAD,
  SLIDER_STEPS,
  nextValue,
  positionOf,
  valueAt,
  type KnobName,
} from '../../../../renderer/src/scenario/knob-limits.ts';
import { MAX_STEP_MS } from '../../../../shared/scenario.ts';

const names = Object.keys(KNOB_LIMITS) as KnobName[];

test('limits come from the scenario schema', () => {
  assert.deepEqual([KNOB_LIMITS.workers.min, KNOB_LIMITS.workers.max], [1, 64]);
  assert.deepEqual([KNOB_LIMITS.concurrency.min, KNOB_LIMITS.concurrency.max], [1, 1000]);
  assert.deepEqual([KNOB_LIMITS.rateRps.min, KNOB_LIMITS.rateRps.max], [0.1, 20_000]);
  assert.deepEqual([KNOB_LIMITS.requestCount.min, KNOB_LIMITS.requestCount.max], [1, 1_000_000]);
  assert.equal(KNOB_LIMITS.latencyMs.max, MAX_STEP_MS);
});

test('slider positions map to values inside the limits, monotonically, and both ends are reachable', () => {
  for (const name of names) {
    const limit = KNOB_LIMITS[name];
    assert.equal(valueAt(limit, 0), limit.min, name);
    assert.equal(valueAt(limit, 1), limit.max, name);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const vlo = valueAt(limit, lo);
        const vhi = valueAt(limit, hi);
        assert.ok(vlo >= limit.min && vhi <= limit.max);
        assert.ok(vlo <= vhi, `${name}: ${vlo} > ${vhi}`);
      }),
    );
  }
});

test('a value survives value → position → value to within the slider rounding', () => {
  for (const name of names) {
    const limit = KNOB_LIMITS[name];
    fc.assert(
      fc.property(fc.double({ min: limit.min, max: limit.max, noNaN: true }), (v) => {
        const back = valueAt(limit, positionOf(limit, v));
        const tolerance = limit.scale === 'log' ? Math.max(limit.step, v * 0.06) : limit.step;
        assert.ok(Math.abs(back - v) <= tolerance, `${name}: ${v} came back as ${back}`);
      }),
    );
  }
});

test('latency: 0 to 1 ms in the first 2 % of the travel, then a fifth of the rest per decade (hand-computed)', () => {
  const latency = KNOB_LIMITS.latencyMs;
  assert.equal(LINEAR_HEAD, 0.02);
  assert.deepEqual(latency.marks, [1, 10, 100, 1_000, 10_000]);
  // log10(60 000) = 4.778151; each decade takes 0.98 / 4.778151 = 0.205100 of the travel.
  const expected: [number, number][] = [
    [0, 0],
    [0.5, 0.01],
    [1, 0.02],
    [10, 0.2251001],
    [100, 0.4302002],
    [1_000, 0.6353003],
    [10_000, 0.8404004],
    [60_000, 1],
  ];
  for (const [ms, position] of expected) {
    assert.ok(Math.abs(positionOf(latency, ms) - position) < 1e-6, `${ms} ms at ${positionOf(latency, ms)}`);
    assert.equal(valueAt(latency, position), ms, `position ${position}`);
  }
  // Out of range or not a number: the nearest end, never a jump.
  assert.equal(positionOf(latency, 70_000), 1);
  assert.equal(positionOf(latency, -50), 0);
  assert.equal(positionOf(latency, Number.NaN), 0);
  // Halfway: 60 000^(0.48 / 0.98) = 10^2.340319 = 218.96 ms, shown to two significant digits.
  assert.equal(valueAt(latency, 0.5), 220);
  // Inside the head the steps are even: 0.1 ms each 0.002 of the travel.
  assert.equal(valueAt(latency, 0.002), 0.1);
});

test('the arrow keys always move: from every slider value, and from typed values, to the next value each way', () => {
  for (const name of names) {
    const limit = KNOB_LIMITS[name];
    const values = new Set<number>();
    for (let k = 0; k <= SLIDER_STEPS; k++) values.add(valueAt(limit, k / SLIDER_STEPS));
    const sorted = [...values].sort((a, b) => a - b);
    sorted.forEach((v, i) => {
      assert.equal(nextValue(limit, v, 1), sorted[Math.min(i + 1, sorted.length - 1)], `${name} ${v} up`);
      assert.equal(nextValue(limit, v, -1), sorted[Math.max(i - 1, 0)], `${name} ${v} down`);
    });
  }
  // A typed value between slider values: up to the next one above, down to the next below.
  assert.equal(nextValue(KNOB_LIMITS.latencyMs, 1234.5, 1), 1300);
  assert.equal(nextValue(KNOB_LIMITS.latencyMs, 1234.5, -1), 1200);
  // Out of range: the arrows bring it back within the limits.
  assert.equal(nextValue(KNOB_LIMITS.latencyMs, 70_000, -1), 59_000);
});

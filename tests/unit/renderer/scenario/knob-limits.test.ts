import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KNOB_LIMITS, positionOf, valueAt, type KnobName } from '../../../../renderer/src/scenario/knob-limits.ts';
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
        assert.ok(
          Math.abs(back - v) <= tolerance || v < Math.max(limit.min, limit.step),
          `${name}: ${v} came back as ${back}`,
        );
      }),
    );
  }
});

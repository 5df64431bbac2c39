import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { niceAxisMax, niceCeil, niceTicks } from '../../../../shared/analysis/nice-numbers.ts';

test('niceCeil is the smallest 1, 2 or 5 × 10^k at or above x', () => {
  assert.deepEqual([0.3, 1, 1.1, 2.5, 7, 10, 11, 4999].map(niceCeil), [0.5, 1, 2, 5, 10, 10, 20, 5000]);
  fc.assert(
    fc.property(fc.double({ min: 1e-6, max: 1e12, noNaN: true }), (x) => {
      const n = niceCeil(x);
      assert.ok(n >= x * (1 - 1e-12) && n < x * 2.5 + 1e-12, `${x} → ${n}`);
      assert.match(n.toExponential(), /^(1|2|5)e/);
    }),
  );
});

test('ticks are evenly spaced, inside the range, and print without float noise', () => {
  assert.deepEqual(niceTicks(0, 1000, 5), [0, 200, 400, 600, 800, 1000]);
  assert.deepEqual(niceTicks(0, 0.7, 7), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  fc.assert(
    fc.property(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
      (min, span) => {
        const ticks = niceTicks(min, min + span, 5);
        assert.ok(ticks.length >= 1 && ticks.length <= 12, `${ticks.length} ticks`);
        for (const t of ticks) assert.ok(t >= min - span * 1e-9 && t <= min + span * (1 + 1e-9));
        for (const t of ticks) assert.ok(String(t).length < 16, `noisy tick ${t}`);
      },
    ),
  );
  assert.equal(niceAxisMax(312), 400);
  assert.equal(niceAxisMax(0), 1);
});

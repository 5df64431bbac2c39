import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { shownLabels } from '../../../../../renderer/src/charts/live/tick-labels.ts';

test('labels with room are all shown, where their ticks are', () => {
  const labels = [
    { at: 100, width: 20 },
    { at: 200, width: 20 },
    { at: 300, width: 20 },
  ];
  assert.deepEqual(shownLabels(labels, 5, 0, 369), [
    { index: 0, at: 100 },
    { index: 1, at: 200 },
    { index: 2, at: 300 },
  ]);
});

test('the last label is pulled back onto the chart rather than dropped or cut', () => {
  const shown = shownLabels([{ at: 360, width: 40 }], 5, 0, 369);
  assert.deepEqual(shown, [{ index: 0, at: 349 }]);
});

test('crowded labels are thinned from the right, keeping the last one (recharts preserveEnd)', () => {
  // 24 bins of 12.6 px under 34 px labels, 16 px apart at least: every fourth label fits.
  const labels = Array.from({ length: 24 }, (_, i) => ({ at: 56 + 12.6 * (i + 0.5), width: 34 }));
  const shown = shownLabels(labels, 16, 0, 369).map((s) => s.index);
  assert.equal(shown.at(-1), 23);
  assert.deepEqual(shown, [3, 7, 11, 15, 19, 23]);
});

test('a label that would run off the left edge is dropped', () => {
  const shown = shownLabels(
    [
      { at: 5, width: 30 },
      { at: 100, width: 30 },
    ],
    5,
    0,
    369,
  );
  assert.deepEqual(
    shown.map((s) => s.index),
    [1],
  );
});

test('shown labels never overlap, keep their gap and stay on the chart', () => {
  const labelsArb = fc.array(
    fc.record({
      at: fc.double({ min: -50, max: 450, noNaN: true }),
      width: fc.double({ min: 1, max: 80, noNaN: true }),
    }),
    { maxLength: 30 },
  );
  fc.assert(
    fc.property(labelsArb, fc.integer({ min: 0, max: 20 }), (raw, gap) => {
      const labels = raw.sort((a, b) => a.at - b.at);
      const shown = shownLabels(labels, gap, 0, 369);
      for (const s of shown) {
        const w = labels[s.index].width;
        assert.ok(s.at - w / 2 >= 0 && s.at + w / 2 <= 369 + 1e-9);
      }
      for (let i = 1; i < shown.length; i++) {
        const left = shown[i - 1];
        const right = shown[i];
        const space = right.at - labels[right.index].width / 2 - (left.at + labels[left.index].width / 2);
        assert.ok(space >= gap - 1e-9, `labels ${left.index} and ${right.index} are ${space} px apart`);
      }
    }),
  );
});

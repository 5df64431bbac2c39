/**
 * The latency histogram by hand: edges and counts worked out in the comments.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { histogramOf } from '../../../../shared/analysis/histogram.ts';

const edgesAndCounts = (h: ReturnType<typeof histogramOf>) => h.bins.map((b) => [b.fromMs, b.toMs, b.count]);

test('linear: a nice width from the range over the bin budget, edges on its multiples', () => {
  // Values 1, 2, 3, 12, 19 in at most 4 bins: range 18, 18 / 4 = 4.5 → the next nice width, 5.
  // First edge floor(1 / 5) × 5 = 0; bins [0,5) [5,10) [10,15) [15,20]: 3, 0, 1, 1.
  const h = histogramOf([1, 2, 3, 12, 19], { scale: 'linear', maxBins: 4 });
  assert.equal(h.scale, 'linear');
  assert.deepEqual(edgesAndCounts(h), [
    [0, 5, 3],
    [5, 10, 0],
    [10, 15, 1],
    [15, 20, 1],
  ]);
  assert.equal(h.total, 5);
});

test('linear: a value on an edge goes to the bin it starts; the top edge belongs to the last bin', () => {
  // 0, 10, 20 in at most 2 bins: range 20 / 2 = 10 → width 10; edges 0, 10, 20 would put 20 on the
  // top edge, one bin [20,30) more: 3 bins > 2, so the width grows: niceCeil(10 × 1.5) = 20.
  // Edges 0, 20, 40: [0,20) holds 0 and 10; [20,40] holds 20.
  const h = histogramOf([0, 10, 20], { scale: 'linear', maxBins: 2 });
  assert.deepEqual(edgesAndCounts(h), [
    [0, 20, 2],
    [20, 40, 1],
  ]);
});

test('log: the finest per-decade ladder that fits, from the largest step at or below the minimum', () => {
  // 2 and 150 ms: 150 / 2 = 75 > 50, so `auto` picks log. The ladder 1, 1.2, 1.5, 2, 2.5, 3, 4, 5,
  // 6, 8 per decade, from 2 (the largest step ≤ 2) to 200 (the first step > 150): 21 edges,
  // 20 bins ≤ 40. 2 lands in [2, 2.5), 150 in [150, 200].
  const h = histogramOf([2, 150], { scale: 'auto' });
  assert.equal(h.scale, 'log');
  const edges = [2, 2.5, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200];
  assert.deepEqual(
    h.bins.map((b) => b.fromMs),
    edges.slice(0, -1),
  );
  assert.equal(h.bins.at(-1)!.toMs, 200);
  assert.deepEqual(
    h.bins.map((b) => b.count),
    [1, ...Array(18).fill(0), 1],
  );
  // 5 and 100 ms: 100 / 5 = 20 ≤ 50, so `auto` stays linear.
  assert.equal(histogramOf([5, 100]).scale, 'linear');
});

test('no values: no bins', () => {
  assert.deepEqual(histogramOf([]), { scale: 'linear', bins: [], total: 0 });
});

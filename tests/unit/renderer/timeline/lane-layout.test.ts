import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { orderServerLanes, packIntervals, rowAtY, stackLanes } from '../../../../renderer/src/timeline/lane-layout.ts';
import type { Lane } from '../../../../shared/trace.ts';

const intervalsArb = fc.array(
  fc.record({ start: fc.integer({ min: 0, max: 200 }), length: fc.integer({ min: 1, max: 60 }) }),
  { maxLength: 60 },
);

/** Brute force: the most half-open intervals [start, end) covering any one instant. */
function maxOverlap(starts: number[], ends: number[]): number {
  let best = 0;
  // The deepest overlap always includes the instant some interval starts.
  for (const t of starts) {
    let count = 0;
    for (let j = 0; j < starts.length; j++) if (starts[j] <= t && t < ends[j]) count++;
    best = Math.max(best, count);
  }
  return best;
}

test('packed sub-rows never hold overlapping intervals and use as few rows as the deepest overlap', () => {
  fc.assert(
    fc.property(intervalsArb, (intervals) => {
      const starts = intervals.map((i) => i.start);
      const ends = intervals.map((i) => i.start + i.length);
      const { depth, rows } = packIntervals(starts, ends);
      for (let a = 0; a < starts.length; a++) {
        assert.ok(depth[a] >= 0 && depth[a] < rows);
        for (let b = a + 1; b < starts.length; b++) {
          if (depth[a] !== depth[b]) continue;
          const overlap = starts[a] < ends[b] && starts[b] < ends[a];
          assert.ok(!overlap, `intervals ${a} and ${b} overlap in sub-row ${depth[a]}`);
        }
      }
      assert.equal(rows, maxOverlap(starts, ends));
    }),
  );
});

test('touching intervals share a sub-row; nested ones do not', () => {
  assert.deepEqual(Array.from(packIntervals([0, 10, 20], [10, 20, 30]).depth), [0, 0, 0]);
  const nested = packIntervals([0, 5], [100, 50]);
  assert.deepEqual(Array.from(nested.depth), [0, 1]);
  assert.equal(nested.rows, 2);
});

const lane = (id: number, kind: Lane['kind'], process: number): Lane => ({ id, name: `${kind} ${id}`, kind, process });

test('server lanes: loop first, then executors, then workers by process; clients left out', () => {
  const ordered = orderServerLanes([
    lane(5, 'client', -1),
    lane(2, 'executor', 0),
    lane(3, 'worker', 2),
    lane(0, 'loop', 0),
    lane(1, 'worker', 1),
  ]);
  assert.deepEqual(
    ordered.map((l) => l.id),
    [0, 2, 1, 3],
  );
});

test('rowAtY finds the row under y, matching a linear scan, with gaps between processes', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 4, max: 30 }),
      fc.integer({ min: 0, max: 20 }),
      fc.double({ min: -10, max: 2000, noNaN: true }),
      (processes, rowHeight, gap, y) => {
        const sorted = [...processes].sort((a, b) => a - b);
        const lanes = sorted.map((p, i) => lane(i, p === 0 ? 'executor' : 'worker', p));
        const tops = stackLanes(lanes, rowHeight, gap);
        const linear = Array.from(tops).findIndex((top) => y >= top && y < top + rowHeight);
        assert.equal(rowAtY(tops, rowHeight, y), linear);
      },
    ),
  );
});

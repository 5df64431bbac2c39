/**
 * Where rows go: the order of the lanes view's threads, and the sub-rows of a request's waterfall.
 *
 * A request's spans overlap when work runs concurrently on its behalf (a gather of two awaits,
 * the loop awaiting while an executor thread blocks): such spans are stacked in sub-rows by
 * greedy interval packing. Taken in order of start, each span goes to the lowest sub-row that is
 * free by then; for intervals this uses exactly as many sub-rows as the most spans that overlap
 * at any instant, which is the least possible.
 */
import type { Lane } from '../../../shared/trace.ts';

/** Sub-row of each interval, and how many sub-rows were used. Touching intervals share a row. */
export function packIntervals(starts: ArrayLike<number>, ends: ArrayLike<number>): { depth: Int32Array; rows: number } {
  const n = starts.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => starts[a] - starts[b] || ends[b] - ends[a]);
  const depth = new Int32Array(n);
  const freeAt: number[] = [];
  for (const i of order) {
    let row = 0;
    while (row < freeAt.length && freeAt[row] > starts[i]) row++;
    depth[i] = row;
    freeAt[row] = Math.max(starts[i], ends[i]);
  }
  return { depth, rows: freeAt.length };
}

const KIND_ORDER = { loop: 0, executor: 1, worker: 2, client: 3 } as const;

/**
 * The lanes view's rows, top to bottom: the async server's loop, then its executor threads,
 * then each sync worker; client connections are not threads of the server and are left out.
 */
export function orderServerLanes(lanes: readonly Lane[]): Lane[] {
  return lanes
    .filter((l) => l.kind !== 'client')
    .sort((a, b) => a.process - b.process || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id - b.id);
}

/** Top of each row when rows of `rowHeight` are stacked with `groupGap` between processes. */
export function stackLanes(lanes: readonly Lane[], rowHeight: number, groupGap: number): Float64Array {
  const tops = new Float64Array(lanes.length);
  let y = 0;
  lanes.forEach((lane, i) => {
    if (i > 0 && lane.process !== lanes[i - 1].process) y += groupGap;
    tops[i] = y;
    y += rowHeight;
  });
  return tops;
}

/** Index of the row whose [top, top + rowHeight) holds y, or -1 (binary search over tops). */
export function rowAtY(tops: ArrayLike<number>, rowHeight: number, y: number): number {
  let lo = 0;
  let hi = tops.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tops[mid] <= y) lo = mid + 1;
    else hi = mid;
  }
  const row = lo - 1;
  return row >= 0 && y < tops[row] + rowHeight ? row : -1;
}

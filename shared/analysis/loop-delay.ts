/**
 * Event-loop delay over time: the worst lateness of the loop's 10 ms timer in each bucket. A
 * peak of 100 ms means something held the loop for about that long. Buckets without a sample
 * (sync workers have no server loop) are left out rather than drawn as zero, and so are samples
 * outside the grid (taken while threads started, before the first request).
 */
import { bucketOf, bucketStartMs, gridForRun, inGrid, type RunRecords, type TimeGrid } from './time-grid.ts';

export interface LoopDelayPoint {
  /** Bucket start, ms since the run's origin. */
  tMs: number;
  /** Largest delay sampled in the bucket. */
  maxDelayMs: number;
  /** Samples in the bucket. */
  samples: number;
}

export function loopDelaySeries(records: RunRecords, grid: TimeGrid = gridForRun(records)): LoopDelayPoint[] {
  const max = new Array<number>(grid.count).fill(-Infinity);
  const samples = new Array<number>(grid.count).fill(0);
  for (const s of records.loop) {
    if (!inGrid(grid, s.t)) continue;
    const b = bucketOf(grid, s.t);
    max[b] = Math.max(max[b], s.delayMs);
    samples[b]++;
  }
  const out: LoopDelayPoint[] = [];
  for (let b = 0; b < grid.count; b++) {
    if (samples[b] > 0) out.push({ tMs: bucketStartMs(grid, b), maxDelayMs: max[b], samples: samples[b] });
  }
  return out;
}

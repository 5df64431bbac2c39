/** Completions per second over time: how fast the server answered, bucket by bucket. */
import type { TimeGrid, RunRecords } from './time-grid.ts';
import { bucketOf, bucketStartMs, gridForRun } from './time-grid.ts';

export interface ThroughputPoint {
  /** Bucket start, ms since the run's origin. */
  tMs: number;
  /** Responses received in the bucket, per second of bucket width. */
  rps: number;
  /** Responses received in the bucket. */
  count: number;
}

/**
 * One point per bucket, counting requests by the moment their response was received. The rate
 * divides by the full bucket width, so a last bucket the run only partly covers reads low rather
 * than spiking when it holds a single response.
 */
export function throughputSeries(records: RunRecords, grid: TimeGrid = gridForRun(records)): ThroughputPoint[] {
  const counts = new Array<number>(grid.count).fill(0);
  for (const r of records.requests) if (r.received !== null) counts[bucketOf(grid, r.received)]++;
  const perSecond = 1e6 / grid.widthUs;
  return counts.map((count, i) => ({ tMs: bucketStartMs(grid, i), rps: count * perSecond, count }));
}

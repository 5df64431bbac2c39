/**
 * Latency percentiles over time, over the requests completed in each bucket (by receive time).
 * Latency is measured from the intended send, as in the summary, so an open-model run shows the
 * queueing its client suffered. Percentiles are nearest-rank (the summary's own function), so
 * p50 ≤ p95 ≤ p99 ≤ max holds in every bucket. Buckets with no completions are left out.
 *
 * Percentiles need several samples per bucket to mean anything, so the default grid is coarser
 * than the other series' (a fifth of the points).
 */
import {
  DEFAULT_MAX_POINTS,
  bucketOf,
  bucketStartMs,
  gridForRun,
  type RunRecords,
  type TimeGrid,
} from './time-grid.ts';
import { percentile } from './summary.ts';

export interface LatencyPercentilePoint {
  /** Bucket start, ms since the run's origin. */
  tMs: number;
  /** Responses received in the bucket. */
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Points a latency-percentile series holds by default. */
const DEFAULT_PERCENTILE_POINTS = DEFAULT_MAX_POINTS / 5;

export function latencyPercentileSeries(
  records: RunRecords,
  grid: TimeGrid = gridForRun(records, DEFAULT_PERCENTILE_POINTS),
): LatencyPercentilePoint[] {
  const perBucket = new Map<number, number[]>();
  for (const r of records.requests) {
    if (r.received === null) continue;
    const b = bucketOf(grid, r.received);
    let list = perBucket.get(b);
    if (!list) perBucket.set(b, (list = []));
    list.push((r.received - r.intended) / 1000);
  }
  return [...perBucket.keys()]
    .sort((a, b) => a - b)
    .map((b) => {
      const sorted = Float64Array.from(perBucket.get(b) as number[]).sort();
      return {
        tMs: bucketStartMs(grid, b),
        count: sorted.length,
        p50Ms: percentile(sorted, 50),
        p95Ms: percentile(sorted, 95),
        p99Ms: percentile(sorted, 99),
        maxMs: sorted[sorted.length - 1],
      };
    });
}

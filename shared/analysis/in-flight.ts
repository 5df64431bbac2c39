/**
 * Requests in flight over time, as the client saw them: from the moment a request was sent to
 * the moment its response was received. A request that never got a response stays in flight to
 * the end of the run.
 */
import { intervalEdges, sampleEdges } from './step-function.ts';
import { bucketStartMs, gridForRun, type RunRecords, type TimeGrid } from './time-grid.ts';

export interface InFlightPoint {
  /** Bucket start, ms since the run's origin. */
  tMs: number;
  /** In flight at the bucket's start. */
  inFlight: number;
  /** Most in flight at any instant of the bucket. */
  peak: number;
  /** Time-weighted mean over the bucket. */
  mean: number;
}

export function inFlightSeries(records: RunRecords, grid: TimeGrid = gridForRun(records)): InFlightPoint[] {
  const edges = intervalEdges(records.requests.map((r) => [r.sent, r.received] as const));
  return sampleEdges(edges, grid).map((s, i) => ({
    tMs: bucketStartMs(grid, i),
    inFlight: s.atStart,
    peak: s.peak,
    mean: s.mean,
  }));
}

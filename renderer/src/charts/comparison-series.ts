/**
 * Several runs' series on one chart. Each run is put on its own clock (ms since its first
 * request), so runs recorded minutes apart start together at 0. recharts draws one data array,
 * so the runs' points are merged by time into rows holding `run0`, `run1`, … where that run has
 * a point; the lines connect across the rows where they have none.
 */
import { latencyPercentileSeries } from '../../../shared/analysis/latency-over-time.ts';
import { throughputSeries } from '../../../shared/analysis/throughput.ts';
import { runExtent, timeGrid, type RunRecords } from '../../../shared/analysis/time-grid.ts';
import { PERCENTILE_POINTS } from './chart-series.ts';

/** Completions a bucket should hold on average, so short runs do not spike. */
const PER_BUCKET = 5;

export interface OverlayRow {
  tMs: number;
  [runKey: string]: number;
}

export interface ComparisonSeries {
  /** x range shared by both charts: 0 to the longest run, ms. */
  domainMs: [number, number];
  /** p95 latency per bucket, one key per run. */
  latency: OverlayRow[];
  /** Responses per second per bucket, one key per run. */
  throughput: OverlayRow[];
}

/** The data key of the i-th run's line. */
export const runKey = (i: number): string => `run${i}`;

function merge(perRun: readonly { tMs: number; value: number }[][]): OverlayRow[] {
  const rows = new Map<number, OverlayRow>();
  perRun.forEach((points, i) => {
    for (const p of points) {
      const row = rows.get(p.tMs) ?? { tMs: p.tMs };
      row[runKey(i)] = p.value;
      rows.set(p.tMs, row);
    }
  });
  return [...rows.values()].sort((a, b) => a.tMs - b.tMs);
}

export function comparisonSeries(runs: readonly RunRecords[]): ComparisonSeries {
  let longest = 1;
  const latency: { tMs: number; value: number }[][] = [];
  const throughput: { tMs: number; value: number }[][] = [];
  for (const records of runs) {
    const extent = runExtent(records);
    const originMs = extent.startUs / 1000;
    longest = Math.max(longest, (extent.endUs - extent.startUs) / 1000);
    const completed = records.requests.reduce((n, r) => n + (r.received === null ? 0 : 1), 0);
    const grid = timeGrid(extent, Math.max(4, Math.min(PERCENTILE_POINTS, Math.floor(completed / PER_BUCKET))));
    latency.push(
      latencyPercentileSeries(records, grid)
        .filter((p) => p.count > 0)
        .map((p) => ({ tMs: Math.max(0, p.tMs - originMs), value: p.p95Ms })),
    );
    throughput.push(throughputSeries(records, grid).map((p) => ({ tMs: Math.max(0, p.tMs - originMs), value: p.rps })));
  }
  return { domainMs: [0, longest], latency: merge(latency), throughput: merge(throughput) };
}

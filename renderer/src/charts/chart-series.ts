/**
 * The five chart series of the run on screen, bounded for recharts. The shared analysis bounds
 * every series by its grid; the charts ask for fewer points than its default (recharts draws
 * SVG, and 300 points across a 400-pixel chart is already more than the eye resolves), and
 * skip the series they do not draw. Recomputed from the records at the chart clock's pace; a
 * live run gets as many points as a still one, so nothing changes shape when it finishes.
 */
import { latencyHistogram, type LatencyHistogram } from '../../../shared/analysis/histogram.ts';
import { inFlightSeries, type InFlightPoint } from '../../../shared/analysis/in-flight.ts';
import { latencyPercentileSeries, type LatencyPercentilePoint } from '../../../shared/analysis/latency-over-time.ts';
import { loopDelaySeries, type LoopDelayPoint } from '../../../shared/analysis/loop-delay.ts';
import { throughputSeries, type ThroughputPoint } from '../../../shared/analysis/throughput.ts';
import { runExtent, timeGrid, type RunRecords } from '../../../shared/analysis/time-grid.ts';

/** Points per over-time chart. */
export const CHART_POINTS = 200;
/** Rates and percentiles need several requests per bucket: fewer, wider buckets. */
export const PERCENTILE_POINTS = 60;
/** Completions a rate or percentile bucket should hold on average, so short runs do not spike. */
const PER_BUCKET = 5;
export const HISTOGRAM_BINS = 30;

export interface ChartSeries {
  /** Shared x range of the over-time charts, ms. */
  domainMs: [number, number];
  throughput: ThroughputPoint[];
  inFlight: InFlightPoint[];
  latency: LatencyPercentilePoint[];
  histogram: LatencyHistogram;
  loopDelay: LoopDelayPoint[];
  /**
   * The loop delay as stems: each bucket's worst delay drawn as a vertical line at its time, back
   * to zero between them. A line through the peaks alone would ramp across the very gap a long
   * block leaves (no sample can fire while the loop is blocked).
   */
  loopStems: LoopStemPoint[];
}

export interface LoopStemPoint {
  tMs: number;
  maxDelayMs: number;
}

export function loopStems(points: readonly LoopDelayPoint[]): LoopStemPoint[] {
  return points.flatMap((p) => [
    { tMs: p.tMs, maxDelayMs: 0 },
    { tMs: p.tMs, maxDelayMs: p.maxDelayMs },
    { tMs: p.tMs, maxDelayMs: 0 },
  ]);
}

export function chartSeries(records: RunRecords, points = CHART_POINTS): ChartSeries {
  const extent = runExtent(records);
  const grid = timeGrid(extent, points);
  const loopDelay = loopDelaySeries(records, grid);
  const completed = records.requests.reduce((n, r) => n + (r.received === null ? 0 : 1), 0);
  const coarse = Math.max(4, Math.min(points, PERCENTILE_POINTS, Math.floor(completed / PER_BUCKET)));
  const percentileGrid = timeGrid(extent, coarse);
  return {
    domainMs: [extent.startUs / 1000, Math.max(extent.endUs / 1000, extent.startUs / 1000 + 1)],
    throughput: throughputSeries(records, percentileGrid),
    inFlight: inFlightSeries(records, grid),
    latency: latencyPercentileSeries(records, percentileGrid),
    histogram: latencyHistogram(records, { maxBins: HISTOGRAM_BINS }),
    loopDelay,
    loopStems: loopStems(loopDelay),
  };
}

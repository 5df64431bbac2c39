/**
 * Every chart series of a run in one call, for the UI's charts and the HTML report.
 *
 * The over-time series share one time grid (so their buckets line up), the latency percentiles
 * use a coarser grid (percentiles need several requests per bucket), the histogram has its own
 * bins. Each series is bounded whatever the run size: `maxPoints` buckets (1,000 by default),
 * `maxPoints / 5` percentile buckets, `histogramBins` bins. Each function is also usable alone,
 * from its own file.
 */
import { busyThreadsSeries, type BusyThreadsPoint } from './busy-threads.ts';
import { latencyHistogram, type HistogramScale, type LatencyHistogram } from './histogram.ts';
import { inFlightSeries, type InFlightPoint } from './in-flight.ts';
import { latencyPercentileSeries, type LatencyPercentilePoint } from './latency-over-time.ts';
import { loopDelaySeries, type LoopDelayPoint } from './loop-delay.ts';
import { DEFAULT_MAX_POINTS, runExtent, timeGrid, type RunRecords, type TimeGrid } from './time-grid.ts';
import { throughputSeries, type ThroughputPoint } from './throughput.ts';

export type { BusyThreadsPoint } from './busy-threads.ts';
export type { HistogramBin, HistogramScale, LatencyHistogram } from './histogram.ts';
export type { InFlightPoint } from './in-flight.ts';
export type { LatencyPercentilePoint } from './latency-over-time.ts';
export type { LoopDelayPoint } from './loop-delay.ts';
export type { ThroughputPoint } from './throughput.ts';
export type { RunRecords, TimeGrid } from './time-grid.ts';

export interface SeriesOptions {
  /** Most points of an over-time series; 1,000 by default. */
  maxPoints?: number;
  /** Most histogram bins; 40 by default. */
  histogramBins?: number;
  histogramScale?: HistogramScale | 'auto';
}

export interface RunSeries {
  /** The grid of throughput, in flight, loop delay and busy threads. */
  grid: TimeGrid;
  /** The coarser grid of the latency percentiles. */
  percentileGrid: TimeGrid;
  throughput: ThroughputPoint[];
  inFlight: InFlightPoint[];
  latency: LatencyPercentilePoint[];
  histogram: LatencyHistogram;
  loopDelay: LoopDelayPoint[];
  busyThreads: BusyThreadsPoint[];
}

/** All series of a run (a RunDocument, or a live run's records so far). */
export function computeRunSeries(records: RunRecords, options: SeriesOptions = {}): RunSeries {
  const maxPoints = options.maxPoints ?? DEFAULT_MAX_POINTS;
  const extent = runExtent(records);
  const grid = timeGrid(extent, maxPoints);
  const percentileGrid = timeGrid(extent, Math.max(1, Math.floor(maxPoints / 5)));
  return {
    grid,
    percentileGrid,
    throughput: throughputSeries(records, grid),
    inFlight: inFlightSeries(records, grid),
    latency: latencyPercentileSeries(records, percentileGrid),
    histogram: latencyHistogram(records, { maxBins: options.histogramBins, scale: options.histogramScale ?? 'auto' }),
    loopDelay: loopDelaySeries(records, grid),
    busyThreads: busyThreadsSeries(records, grid),
  };
}

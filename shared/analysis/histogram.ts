/**
 * The latency histogram: how many completed requests took how long, in bins with round edges.
 *
 * Linear bins are equal nice widths (1, 2, 5 × 10^k ms). Logarithmic bins follow a per-decade
 * ladder (1, 1.2, 1.5, 2 … 8, then coarser ladders if needed), which keeps a 2 ms and a 2 s
 * request on one readable chart. `auto` picks log when the slowest request took more than 50
 * times the fastest. Either way there are at most `maxBins` bins, and every completed request
 * is in exactly one of them.
 */
import { niceCeil } from './nice-numbers.ts';
import type { RunRecords } from './time-grid.ts';

export type HistogramScale = 'linear' | 'log';

export interface HistogramBin {
  /** Inclusive lower edge, ms. */
  fromMs: number;
  /** Exclusive upper edge, ms (the last bin includes it). */
  toMs: number;
  count: number;
}

export interface LatencyHistogram {
  scale: HistogramScale;
  bins: HistogramBin[];
  /** Completed requests, the sum of the bins' counts. */
  total: number;
}

export interface HistogramOptions {
  /** Most bins (at least 1); 40 by default. */
  maxBins?: number;
  scale?: HistogramScale | 'auto';
}

/** Ladders of nice values per decade, finest first. */
const LOG_LADDERS = [[1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8], [1, 1.5, 2, 3, 5, 7], [1, 2, 5], [1]] as const;
const AUTO_LOG_RATIO = 50;

/** Latencies of completed requests in ms, from the intended send (as the summary measures). */
function completedLatenciesMs(records: Pick<RunRecords, 'requests'>): number[] {
  const out: number[] = [];
  for (const r of records.requests) if (r.received !== null) out.push((r.received - r.intended) / 1000);
  return out;
}

export function latencyHistogram(
  records: Pick<RunRecords, 'requests'>,
  options: HistogramOptions = {},
): LatencyHistogram {
  return histogramOf(completedLatenciesMs(records), options);
}

/** Histogram of arbitrary values (ms). */
export function histogramOf(values: readonly number[], options: HistogramOptions = {}): LatencyHistogram {
  const maxBins = Math.max(1, Math.floor(options.maxBins ?? 40));
  if (values.length === 0) return { scale: options.scale === 'log' ? 'log' : 'linear', bins: [], total: 0 };
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const scale =
    options.scale === 'auto' || options.scale === undefined
      ? min > 0 && max / min > AUTO_LOG_RATIO
        ? 'log'
        : 'linear'
      : options.scale;
  const edges = scale === 'log' ? logEdges(min, max, maxBins) : linearEdges(min, max, maxBins);
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const v of values) counts[binIndex(edges, v)]++;
  return {
    scale,
    bins: counts.map((count, i) => ({ fromMs: edges[i], toMs: edges[i + 1], count })),
    total: values.length,
  };
}

function linearEdges(min: number, max: number, maxBins: number): number[] {
  const span = Math.max(max - min, Math.abs(max) * 0.01, 0.001);
  let width = niceCeil(span / maxBins);
  for (;;) {
    let first = clean(Math.floor(min / width) * width);
    // Floating point can put the first edge a hair above min (75 × 0.0002 > 0.015).
    if (first > min) first = clean(first - width);
    let count = Math.max(1, Math.floor((max - first) / width) + 1);
    if (clean(first + count * width) <= max) count++;
    if (count <= maxBins) return Array.from({ length: count + 1 }, (_, i) => clean(first + i * width));
    width = niceCeil(width * 1.5);
  }
}

function logEdges(min: number, max: number, maxBins: number): number[] {
  // Values at or below zero cannot sit on a log scale; they share a first bin starting at min.
  const lowest = min > 0 ? min : Math.max(max / 1e6, 0.001);
  for (const ladder of LOG_LADDERS) {
    const edges = ladderEdges(ladder, lowest, max);
    if (min <= 0) edges.unshift(Math.min(min, 0));
    if (edges.length - 1 <= maxBins || ladder.length === 1) {
      // Even one edge per decade can exceed a tiny maxBins: fall back to linear then.
      return edges.length - 1 <= maxBins ? edges : linearEdges(min, max, maxBins);
    }
  }
  return linearEdges(min, max, maxBins);
}

/** Ladder values from the largest one ≤ `lo` to the first one > `hi`. */
function ladderEdges(ladder: readonly number[], lo: number, hi: number): number[] {
  let decade = 10 ** Math.floor(Math.log10(lo));
  while (decade > lo) decade /= 10;
  const edges: number[] = [];
  for (;;) {
    for (const step of ladder) {
      const edge = clean(step * decade);
      if (edge <= lo) {
        edges.length = 0;
        edges.push(edge);
      } else {
        edges.push(edge);
        if (edge > hi) return edges;
      }
    }
    decade *= 10;
  }
}

function binIndex(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  if (hi <= 0 || v < edges[1]) return 0;
  if (v >= edges[hi]) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Strip binary noise (0.30000000000000004 → 0.3) so edges print as written. */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}

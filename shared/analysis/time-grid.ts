/**
 * The time buckets every over-time series of a run shares.
 *
 * Charts stay light whatever the run size: a series never has more than `maxPoints` points
 * (1,000 by default), because the bucket width grows with the run's length. Widths are nice
 * numbers of microseconds (1, 2, 5 × 10^k) and buckets start on a multiple of the width, so
 * every series of one run lines up bucket for bucket and the edges read as round times.
 */
import { SPAN_STRIDE, SpanField, type Micros } from '../trace.ts';
import { niceCeil } from './nice-numbers.ts';
import type { SummaryInput } from './summary.ts';

/** What the series are computed from: the records part of a RunDocument. */
export type RunRecords = SummaryInput;

/** Most points a series holds unless asked otherwise. */
export const DEFAULT_MAX_POINTS = 1000;

/** Equal buckets `[start + i·width, start + (i+1)·width)` for i in 0..count-1. */
export interface TimeGrid {
  startUs: Micros;
  widthUs: Micros;
  count: number;
}

/** First and last moment the run recorded anything (requests, spans, loop samples). */
export interface TimeExtent {
  startUs: Micros;
  endUs: Micros;
}

/**
 * The span of time the run covers: from the first request's intended send (or first span) to
 * the last response (or span end). Loop samples taken before the first request or after the
 * last response (the sampler runs while threads start and stop) do not stretch it; they only
 * define it for a run with no requests at all. `{0, 0}` for a run with no records.
 */
export function runExtent({ spans, requests, loop }: RunRecords): TimeExtent {
  let start = Infinity;
  let end = -Infinity;
  for (const r of requests) {
    start = Math.min(start, r.intended, r.sent);
    end = Math.max(end, r.received ?? r.responded ?? r.accepted ?? r.sent);
  }
  for (let i = 0; i < spans.length; i += SPAN_STRIDE) {
    start = Math.min(start, spans[i + SpanField.start]);
    end = Math.max(end, spans[i + SpanField.end]);
  }
  if (start === Infinity) {
    for (const s of loop) {
      start = Math.min(start, s.t);
      end = Math.max(end, s.t);
    }
  }
  if (start === Infinity) return { startUs: 0, endUs: 0 };
  return { startUs: start, endUs: end };
}

/**
 * The grid of at most `maxPoints` buckets covering `extent`: the narrowest nice width (at least
 * 1 µs) for which the aligned buckets fit. The last bucket contains `endUs` itself.
 */
export function timeGrid(extent: TimeExtent, maxPoints = DEFAULT_MAX_POINTS): TimeGrid {
  const points = Math.max(1, Math.floor(maxPoints));
  const length = Math.max(0, extent.endUs - extent.startUs);
  let width = niceCeil(Math.max(1, length / points));
  for (;;) {
    const start = Math.floor(extent.startUs / width) * width;
    const count = Math.floor((extent.endUs - start) / width) + 1;
    if (count <= points) return { startUs: start, widthUs: width, count };
    width = niceCeil(width * 1.5);
  }
}

/** The grid for a run's records. */
export function gridForRun(records: RunRecords, maxPoints = DEFAULT_MAX_POINTS): TimeGrid {
  return timeGrid(runExtent(records), maxPoints);
}

/** Whether `t` falls inside the grid's buckets. */
export function inGrid(grid: TimeGrid, t: Micros): boolean {
  return t >= grid.startUs && t < grid.startUs + grid.count * grid.widthUs;
}

/** Index of the bucket that holds `t`, clamped into the grid. */
export function bucketOf(grid: TimeGrid, t: Micros): number {
  const i = Math.floor((t - grid.startUs) / grid.widthUs);
  return i < 0 ? 0 : i >= grid.count ? grid.count - 1 : i;
}

/** Start of bucket `i`, in milliseconds (the x value charts use). */
export function bucketStartMs(grid: TimeGrid, i: number): number {
  return (grid.startUs + i * grid.widthUs) / 1000;
}

/**
 * A count that steps up and down at instants (requests in flight, threads busy), sampled on a
 * time grid three ways: its value at each bucket's start, its peak inside the bucket and its
 * time-weighted mean over the bucket. One sweep over the sorted steps, O(n log n) for n steps.
 */
import type { Micros } from '../trace.ts';
import type { TimeGrid } from './time-grid.ts';

/** +1 at `t` (something began) or −1 (something ended). Intervals are half-open: [begin, end). */
export interface Step {
  t: Micros;
  delta: number;
}

/** One bucket of a sampled step function. */
export interface StepSample {
  /** Value at the bucket's start. */
  atStart: number;
  /** Highest value at any instant in the bucket. */
  peak: number;
  /** Time-weighted mean over the bucket. */
  mean: number;
}

/** Steps for half-open intervals; an interval with no end lasts past the grid. */
export function intervalSteps(intervals: Iterable<readonly [Micros, Micros | null]>): Step[] {
  const steps: Step[] = [];
  for (const [begin, end] of intervals) {
    if (end !== null && end <= begin) continue;
    steps.push({ t: begin, delta: 1 });
    if (end !== null) steps.push({ t: end, delta: -1 });
  }
  return steps;
}

/** Sample the step function on `grid`. `steps` need not be sorted. */
export function sampleSteps(steps: Step[], grid: TimeGrid): StepSample[] {
  const sorted = [...steps].sort((a, b) => a.t - b.t);
  const out: StepSample[] = [];
  let i = 0;
  let value = 0;
  for (let b = 0; b < grid.count; b++) {
    const from = grid.startUs + b * grid.widthUs;
    const to = from + grid.widthUs;
    // Everything at or before the bucket's start has happened by then (half-open intervals).
    while (i < sorted.length && sorted[i].t <= from) value += sorted[i++].delta;
    const atStart = value;
    let peak = value;
    let area = 0;
    let cursor = from;
    while (i < sorted.length && sorted[i].t < to) {
      const t = sorted[i].t;
      area += value * (t - cursor);
      cursor = t;
      // Apply every step at this instant before reading the peak: an end and a begin at the
      // same moment are a hand-over, not two at once.
      while (i < sorted.length && sorted[i].t === t) value += sorted[i++].delta;
      peak = Math.max(peak, value);
    }
    area += value * (to - cursor);
    out.push({ atStart, peak, mean: area / grid.widthUs });
  }
  return out;
}

/**
 * A count that steps up and down at instants (requests in flight, threads busy), sampled on a
 * time grid three ways: its value at each bucket's start, its peak inside the bucket and its
 * time-weighted mean over the bucket. One sweep over the sorted steps, O(n log n) for n steps.
 *
 * The steps are kept as two ascending arrays of plain numbers (instants where something began,
 * instants where something ended), not as step objects sorted by a comparator: at 20,000
 * requests that took ~6 ms of the ~9 ms the live charts spend on their series twice a second.
 */
import type { Micros } from '../trace.ts';
import type { TimeGrid } from './time-grid.ts';

/** Where a count of half-open intervals [begin, end) steps up (begins) and down (ends), each ascending. */
export interface Edges {
  begins: Float64Array;
  ends: Float64Array;
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

/** Edges of half-open intervals; an interval with no end lasts past the grid, an empty one is left out. */
export function intervalEdges(intervals: readonly (readonly [Micros, Micros | null])[]): Edges {
  let kept = 0;
  let ending = 0;
  for (const [begin, end] of intervals) {
    if (end !== null && end <= begin) continue;
    kept++;
    if (end !== null) ending++;
  }
  const begins = new Float64Array(kept);
  const ends = new Float64Array(ending);
  let b = 0;
  let e = 0;
  for (const [begin, end] of intervals) {
    if (end !== null && end <= begin) continue;
    begins[b++] = begin;
    if (end !== null) ends[e++] = end;
  }
  return { begins: begins.sort(), ends: ends.sort() };
}

/** Sample the step function on `grid`. */
export function sampleEdges({ begins, ends }: Edges, grid: TimeGrid): StepSample[] {
  let b = 0;
  let e = 0;
  let value = 0;
  const next = () => Math.min(b < begins.length ? begins[b] : Infinity, e < ends.length ? ends[e] : Infinity);
  // Apply every step at this instant before reading the peak: an end and a begin at the same
  // moment are a hand-over, not two at once.
  const applyAt = (t: number) => {
    for (; b < begins.length && begins[b] === t; b++) value++;
    for (; e < ends.length && ends[e] === t; e++) value--;
  };
  const out: StepSample[] = [];
  for (let bucket = 0; bucket < grid.count; bucket++) {
    const from = grid.startUs + bucket * grid.widthUs;
    const to = from + grid.widthUs;
    // Everything at or before the bucket's start has happened by then (half-open intervals).
    for (let t = next(); t <= from; t = next()) applyAt(t);
    const atStart = value;
    let peak = value;
    let area = 0;
    let cursor = from;
    for (let t = next(); t < to; t = next()) {
      area += value * (t - cursor);
      cursor = t;
      applyAt(t);
      peak = Math.max(peak, value);
    }
    area += value * (to - cursor);
    out.push({ atStart, peak, mean: area / grid.widthUs });
  }
  return out;
}

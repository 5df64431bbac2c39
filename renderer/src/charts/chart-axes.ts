/**
 * The axes of the run's charts, for both renderers: recharts (a still run) and the canvas
 * charts (a live one). Both take their ticks and their room from here, so a chart that switches
 * from one to the other when a run finishes keeps its plot area, its axis top and its round tick
 * values: nothing on the page moves.
 */
import { niceAxisMax, niceTicks } from '../../../shared/analysis/nice-numbers.ts';

/** Space around the plot and its axes, CSS px (recharts' `margin`). */
export const CHART_MARGIN = { top: 6, right: 10, bottom: 0, left: 0 } as const;
/** Room for the y axis's labels, CSS px. */
export const Y_AXIS_WIDTH = 56;
/** Room for the x axis's labels, CSS px (recharts' default). */
export const X_AXIS_HEIGHT = 30;
/** Tick labels' font size, CSS px. */
export const TICK_FONT_SIZE = 11;

export interface ValueAxis {
  /** Round axis top, at or above the largest value. */
  top: number;
  ticks: number[];
}

/** Ticks along the time axis of an over-time chart. */
export function timeTicks(fromMs: number, toMs: number): number[] {
  return niceTicks(fromMs, toMs, 5);
}

/** A y axis from 0 for values up to `max` (rates, milliseconds: fractional ticks allowed). */
export function valueAxis(max: number): ValueAxis {
  const top = niceAxisMax(max, 4);
  return { top, ticks: niceTicks(0, top, 4) };
}

/** A y axis from 0 for whole counts up to `max`: never a tick at 0.5 requests. */
export function countAxis(max: number): ValueAxis {
  const top = niceAxisMax(max, 4);
  return { top, ticks: niceTicks(0, top, Math.min(4, top)) };
}

/** Largest number any of `keys` reaches in `rows` (0 when there are none); other values are skipped. */
export function largestValue(rows: readonly object[], keys: readonly string[]): number {
  let max = 0;
  for (const row of rows) {
    for (const key of keys) {
      const v = (row as Record<string, unknown>)[key];
      if (typeof v === 'number' && v > max) max = v;
    }
  }
  return max;
}

/**
 * What a live chart shows, before any pixel: its axes' ranges and labelled ticks, and its marks
 * (lines over time, or the histogram's bars). Built from the same series, axes and formatters
 * as the still recharts charts, once per update; drawing then only places it in the canvas's
 * current size.
 */
import { formatMs } from '../../../../shared/analysis/format.ts';
import type { LatencyHistogram } from '../../../../shared/analysis/histogram.ts';
import { countAxis, largestValue, timeTicks, valueAxis } from '../chart-axes.ts';

export interface Tick {
  value: number;
  label: string;
}

export interface LineMark {
  name: string;
  color: string;
  rows: readonly { tMs: number }[];
  /** The rows' field this line draws. */
  key: string;
}

export type Marks =
  | { kind: 'lines'; step: boolean; lines: readonly LineMark[] }
  | { kind: 'bars'; color: string; counts: readonly number[] };

export interface ChartModel {
  x: { from: number; to: number; ticks: Tick[]; minLabelGap: number };
  y: { top: number; ticks: Tick[] };
  marks: Marks;
  /** A legend row (name and colour of each line) under the x axis. */
  legend: boolean;
}

/** recharts' default gap between x labels; the histogram asks for more. */
const MIN_LABEL_GAP = 5;
const HISTOGRAM_LABEL_GAP = 16;

export interface OverTimeInput {
  rows: readonly { tMs: number }[];
  lines: readonly { key: string; name: string; color: string }[];
  domainMs: readonly [number, number];
  formatY: (v: number) => string;
  step?: boolean;
  legend?: boolean;
}

export function overTimeModel({ rows, lines, domainMs, formatY, step, legend }: OverTimeInput): ChartModel {
  const [from, to] = domainMs;
  const keys = lines.map((l) => l.key);
  const y = valueAxis(largestValue(rows, keys));
  return {
    x: {
      from,
      to,
      ticks: timeTicks(from, to).map((v) => ({ value: v, label: formatMs(v) })),
      minLabelGap: MIN_LABEL_GAP,
    },
    y: { top: y.top, ticks: y.ticks.map((v) => ({ value: v, label: formatY(v) })) },
    marks: { kind: 'lines', step: step ?? false, lines: lines.map((l) => ({ ...l, rows })) },
    legend: legend ?? false,
  };
}

/** Bin i spans [i, i + 1] on the x axis; its label, the bin's lower edge, sits at its middle. */
export function histogramModel(histogram: LatencyHistogram, color: string): ChartModel {
  const counts = histogram.bins.map((b) => b.count);
  const y = countAxis(Math.max(0, ...counts));
  return {
    x: {
      from: 0,
      to: Math.max(1, counts.length),
      ticks: histogram.bins.map((b, i) => ({ value: i + 0.5, label: formatMs(b.fromMs) })),
      minLabelGap: HISTOGRAM_LABEL_GAP,
    },
    // recharts prints a count tick as the bare number (no formatter): "1000", so this does too.
    y: { top: y.top, ticks: y.ticks.map((v) => ({ value: v, label: String(v) })) },
    marks: { kind: 'bars', color, counts },
    legend: false,
  };
}

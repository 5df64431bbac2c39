/**
 * Small fixed-size SVG charts written as strings: line charts over time and a histogram, with
 * axes, nice ticks, gridlines, axis labels and a legend. No script, no external resource, so a
 * report stays one self-contained file that prints as drawn.
 *
 * Coordinates: data space (x in the caller's unit, y in the series' unit) maps to plot space
 * (pixels inside the margins) through `Scale`; nothing else converts between them.
 */
import { niceAxisMax, niceTicks } from '../../analysis/nice-numbers.ts';
import { sig } from '../../analysis/format.ts';
import { esc, num } from './escape.ts';

const CHART_WIDTH = 470;
export const CHART_HEIGHT = 250;
const MARGIN = { left: 58, right: 14, top: 34, bottom: 42 };

/** Linear map from a data interval to a pixel interval. */
export class Scale {
  constructor(
    readonly d0: number,
    readonly d1: number,
    readonly p0: number,
    readonly p1: number,
  ) {}
  at(v: number): number {
    const span = this.d1 - this.d0 || 1;
    return this.p0 + ((v - this.d0) / span) * (this.p1 - this.p0);
  }
}

export interface LineSeries {
  name: string;
  color: string;
  points: readonly (readonly [number, number])[];
  dash?: string;
  width?: number;
  /** `stems` draws each point as a vertical line from zero: for sparse peaks (loop delay) that a line would falsely join. */
  style?: 'line' | 'stems';
}

export interface ChartFrame {
  title: string;
  xLabel: string;
  yLabel: string;
  xDomain: [number, number];
  yMax: number;
  formatX?: (v: number) => string;
  formatY?: (v: number) => string;
  legend?: readonly { name: string; color: string; dash?: string }[];
  /** Counts: leave out fractional y ticks (no "0.5 requests"). */
  integerY?: boolean;
  /** Ticks on the x axis (data space); nice ticks when absent. */
  xTicks?: readonly number[];
  /** Extra SVG drawn in plot space after the grid (bars, lines). */
  body: (x: Scale, y: Scale) => string;
}

/** Axes, grid, labels and legend around `body`. */
function chartSvg(frame: ChartFrame): string {
  const left = MARGIN.left;
  const right = CHART_WIDTH - MARGIN.right;
  const top = MARGIN.top;
  const bottom = CHART_HEIGHT - MARGIN.bottom;
  const [x0, x1raw] = frame.xDomain;
  const x1 = x1raw > x0 ? x1raw : x0 + 1;
  const yMax = frame.integerY ? Math.max(niceAxisMax(frame.yMax, 4), 1) : niceAxisMax(frame.yMax, 4);
  const x = new Scale(x0, x1, left, right);
  const y = new Scale(0, yMax, bottom, top);
  const fx = frame.formatX ?? sig;
  const fy = frame.formatY ?? sig;
  const parts: string[] = [];
  parts.push(`<title>${esc(frame.title)}</title>`);
  parts.push(`<text class="title" x="${left}" y="16">${esc(frame.title)}</text>`);
  const yTicks = niceTicks(0, yMax, 4).filter((t) => !frame.integerY || Number.isInteger(t));
  for (const t of yTicks) {
    const py = num(y.at(t));
    parts.push(`<line class="grid" x1="${left}" x2="${right}" y1="${py}" y2="${py}"/>`);
    parts.push(`<text x="${left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${esc(fy(t))}</text>`);
  }
  for (const t of frame.xTicks ?? niceTicks(x0, x1, 6)) {
    const px = num(x.at(t));
    parts.push(`<line class="axis" x1="${px}" x2="${px}" y1="${bottom}" y2="${bottom + 4}"/>`);
    parts.push(`<text x="${px}" y="${bottom + 16}" text-anchor="middle">${esc(fx(t))}</text>`);
  }
  parts.push(frame.body(x, y));
  parts.push(`<line class="axis" x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}"/>`);
  parts.push(`<line class="axis" x1="${left}" x2="${left}" y1="${top}" y2="${bottom}"/>`);
  parts.push(
    `<text x="${(left + right) / 2}" y="${CHART_HEIGHT - 6}" text-anchor="middle">${esc(frame.xLabel)}</text>`,
  );
  parts.push(
    `<text x="14" y="${(top + bottom) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(top + bottom) / 2})">${esc(frame.yLabel)}</text>`,
  );
  if (frame.legend && frame.legend.length > 1) parts.push(legendSvg(frame.legend, right));
  return `<svg viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" role="img" aria-label="${esc(frame.title)}">${parts.join('')}</svg>`;
}

/** Legend entries right-aligned on the title row, widths estimated from the text. */
function legendSvg(entries: readonly { name: string; color: string; dash?: string }[], right: number): string {
  const out: string[] = [];
  let cursor = right;
  for (const e of [...entries].reverse()) {
    const label = e.name.length > 22 ? `${e.name.slice(0, 21)}…` : e.name;
    const width = label.length * 6 + 22;
    cursor -= width;
    out.push(
      `<line x1="${num(cursor)}" x2="${num(cursor + 14)}" y1="12" y2="12" stroke="${esc(e.color)}" stroke-width="2.5"${e.dash ? ` stroke-dasharray="${esc(e.dash)}"` : ''}/>`,
      `<text x="${num(cursor + 18)}" y="12" dominant-baseline="middle">${esc(label)}</text>`,
    );
  }
  // Below the title when the legend would run into it.
  const shift = cursor < 200 ? ' transform="translate(0 10)"' : '';
  return `<g${shift}>${out.join('')}</g>`;
}

/** A path through the points in plot space. */
function linePath(points: readonly (readonly [number, number])[], x: Scale, y: Scale): string {
  if (points.length === 0) return '';
  // Points are clamped into the domain: a bucket's midpoint may lie past the run's last moment.
  const lo = Math.min(x.d0, x.d1);
  const hi = Math.max(x.d0, x.d1);
  return points
    .map(([px, py], i) => `${i ? 'L' : 'M'}${num(x.at(Math.min(hi, Math.max(lo, px))))} ${num(y.at(py))}`)
    .join('');
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  xDomain?: [number, number];
  formatX?: (v: number) => string;
  formatY?: (v: number) => string;
  /** Horizontal reference line (e.g. the model's bound), drawn dashed and labelled. */
  reference?: { value: number; label: string };
  integerY?: boolean;
}

/** One or more lines over a shared x axis; a lone point is drawn as a dot. */
export function lineChart(series: readonly LineSeries[], options: LineChartOptions): string {
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]);
  const xDomain = options.xDomain ?? (xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1]);
  let yMax = all.reduce((m, p) => Math.max(m, p[1]), 0);
  if (options.reference && Number.isFinite(options.reference.value)) yMax = Math.max(yMax, options.reference.value);
  return chartSvg({
    ...options,
    xDomain: xDomain as [number, number],
    yMax: yMax || 1,
    legend: series.map((s) => ({ name: s.name, color: s.color, dash: s.dash })),
    body: (x, y) => {
      const out: string[] = [];
      const ref = options.reference;
      if (ref && Number.isFinite(ref.value) && ref.value > 0) {
        const py = num(y.at(ref.value));
        out.push(
          `<line x1="${num(x.p0)}" x2="${num(x.p1)}" y1="${py}" y2="${py}" stroke="#5d6470" stroke-width="1" stroke-dasharray="2 3"/>`,
        );
        out.push(
          `<text x="${num(x.p1 - 4)}" y="${num(y.at(ref.value) - 5)}" text-anchor="end" class="ref" stroke="#ffffff" stroke-width="3" paint-order="stroke">${esc(ref.label)}</text>`,
        );
      }
      for (const s of series) {
        if (s.style === 'stems') {
          const base = num(y.at(0));
          const d = s.points.map(([px, py]) => `M${num(x.at(px))} ${base}V${num(y.at(py))}`).join('');
          if (d) out.push(`<path d="${d}" fill="none" stroke="${esc(s.color)}" stroke-width="${s.width ?? 2}"/>`);
          continue;
        }
        if (s.points.length === 1) {
          const [[px, py]] = s.points;
          out.push(`<circle cx="${num(x.at(px))}" cy="${num(y.at(py))}" r="3" fill="${esc(s.color)}"/>`);
          continue;
        }
        const dash = s.dash ? ` stroke-dasharray="${esc(s.dash)}"` : '';
        out.push(
          `<path d="${linePath(s.points, x, y)}" fill="none" stroke="${esc(s.color)}" stroke-width="${s.width ?? 1.6}" stroke-linejoin="round"${dash}/>`,
        );
      }
      if (all.length === 0)
        out.push(
          `<text x="${num((x.p0 + x.p1) / 2)}" y="${num((y.p0 + y.p1) / 2)}" text-anchor="middle">no data</text>`,
        );
      return out.join('');
    },
  });
}

export interface Bar {
  from: number;
  to: number;
  value: number;
}

/** Bars over an x range: the latency histogram. With `log`, x is drawn on a log scale. */
export function barChart(bars: readonly Bar[], options: LineChartOptions & { color: string; log?: boolean }): string {
  const tx = options.log ? (v: number) => Math.log10(Math.max(v, 1e-6)) : (v: number) => v;
  const lo = bars.length ? tx(bars[0].from) : 0;
  const hi = bars.length ? tx(bars[bars.length - 1].to) : 1;
  const formatX = options.log ? (v: number) => sig(10 ** v) : options.formatX;
  const xTicks = options.log ? logTicks(lo, hi) : undefined;
  const yMax = bars.reduce((m, b) => Math.max(m, b.value), 0) || 1;
  return chartSvg({
    ...options,
    formatX,
    xTicks,
    xDomain: [lo, hi],
    yMax,
    body: (x, y) =>
      bars
        .filter((b) => b.value > 0)
        .map((b) => {
          const px0 = x.at(tx(b.from));
          const px1 = x.at(tx(b.to));
          const py = y.at(b.value);
          return `<rect x="${num(px0 + 0.5)}" y="${num(py)}" width="${num(Math.max(1, px1 - px0 - 1))}" height="${num(y.p0 - py)}" fill="${esc(options.color)}"><title>${esc(`${sig(b.from)}–${sig(b.to)} ms: ${b.value}`)}</title></rect>`;
        })
        .join('') ||
      `<text x="${num((x.p0 + x.p1) / 2)}" y="${num((y.p0 + y.p1) / 2)}" text-anchor="middle">no data</text>`,
  });
}

/** Ticks for a log axis (given in log10 space): 1, 2, 5 × 10^k inside the range, thinned to about eight. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let k = Math.floor(lo); k <= Math.ceil(hi); k++) {
    for (const m of [1, 2, 5]) {
      const t = k + Math.log10(m);
      if (t >= lo - 1e-9 && t <= hi + 1e-9) ticks.push(t);
    }
  }
  if (ticks.length <= 8) return ticks;
  const decades = ticks.filter((t) => Math.abs(t - Math.round(t)) < 1e-9);
  return decades.length >= 2 ? decades : ticks.filter((_, i) => i % 2 === 0);
}

/**
 * The vertices of one line of an over-time chart, in CSS pixels, drawn the way recharts draws
 * the still chart: straight segments between points, or a step that holds each value until the
 * next point (recharts' `stepAfter`) for rates and counts, which are per bucket. Points without
 * a number are skipped and the line joins across them (recharts' `connectNulls`).
 */
import type { Scale } from './plot-area.ts';

/** Flat [x0, y0, x1, y1, …]: one array per line, nothing allocated per point. */
export type Polyline = number[];

export function linePoints(rows: readonly { tMs: number }[], key: string, x: Scale, y: Scale, step: boolean): Polyline {
  const out: Polyline = [];
  for (const row of rows) {
    const value = (row as unknown as Record<string, unknown>)[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    const px = x(row.tMs);
    const py = y(value);
    // The step's riser: along at the previous value to this x, then up or down to this value.
    if (step && out.length > 0) out.push(px, out[out.length - 1]);
    out.push(px, py);
  }
  return out;
}

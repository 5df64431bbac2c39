/**
 * Where a live chart draws, and how values become positions. The plot is laid out as recharts
 * lays out the still charts (chart-axes.ts), so the lines sit in the same place before and
 * after a run finishes. Everything is in CSS pixels from the canvas's top left corner; device
 * pixels appear only in the canvas's transform (live-chart-view.ts).
 */
import { CHART_MARGIN, X_AXIS_HEIGHT, Y_AXIS_WIDTH } from '../chart-axes.ts';
import type { CssPx } from '../../timeline/time-scale.ts';

/** Height of the legend row under the x axis, CSS px: what recharts measures its legend at, at 11 px. */
export const LEGEND_HEIGHT_CSS_PX = 15.4;

export interface PlotRect {
  left: CssPx;
  top: CssPx;
  right: CssPx;
  bottom: CssPx;
}

/** A value to a position along one axis. */
export type Scale = (value: number) => CssPx;

export function plotRect(widthCssPx: CssPx, heightCssPx: CssPx, legend: boolean): PlotRect {
  const left = CHART_MARGIN.left + Y_AXIS_WIDTH;
  const top = CHART_MARGIN.top;
  const bottom = heightCssPx - CHART_MARGIN.bottom - X_AXIS_HEIGHT - (legend ? LEGEND_HEIGHT_CSS_PX : 0);
  // A canvas narrower than its axes still gets a plot one pixel wide, never a negative one.
  return {
    left,
    top,
    right: Math.max(left + 1, widthCssPx - CHART_MARGIN.right),
    bottom: Math.max(top + 1, bottom),
  };
}

/** Maps [from, to] onto [fromPx, toPx] (reversed ranges too: y grows downwards). */
export function linearScale(from: number, to: number, fromPx: CssPx, toPx: CssPx): Scale {
  // An empty domain (a run with one instant, an axis with top 0) maps everything to its start.
  if (!(to !== from) || !Number.isFinite(to - from)) return () => fromPx;
  const pxPerUnit = (toPx - fromPx) / (to - from);
  return (value) => fromPx + (value - from) * pxPerUnit;
}

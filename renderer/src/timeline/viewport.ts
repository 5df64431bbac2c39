/**
 * What part of the run the timeline shows: a time scale, a vertical scroll offset, and whether
 * it follows the live edge. Pure functions from one viewport to the next, so the rules read in
 * one place: following keeps "now" at the right edge (or shows the run from 0 while it is still
 * shorter than the window); panning, dragging or scrolling stops following; zooming keeps
 * following, around the live edge; `follow` resumes it.
 */
import type { Micros } from '../../../shared/trace.ts';
import { TimeScale, type CssPx } from './time-scale.ts';

export interface Viewport {
  readonly scale: TimeScale;
  readonly scrollYCssPx: CssPx;
  readonly following: boolean;
}

/** The window a live run starts with, before the user zooms. */
export const DEFAULT_WINDOW_MICROS: Micros = 2_000_000;

export function initialViewport(widthCssPx: CssPx, windowMicros: Micros = DEFAULT_WINDOW_MICROS): Viewport {
  return { scale: TimeScale.fit(0, windowMicros, widthCssPx), scrollYCssPx: 0, following: true };
}

/**
 * Keep the live edge in view if following; otherwise unchanged. While the run (from `originMicros`,
 * its first record) is shorter than the window it shows from its origin; then "now" is the right edge.
 */
export function followNow(v: Viewport, nowMicros: Micros, originMicros: Micros = 0): Viewport {
  if (!v.following) return v;
  const duration = v.scale.durationMicros;
  const scale =
    nowMicros - originMicros <= duration
      ? v.scale.withRightEdgeAt(originMicros + duration)
      : v.scale.withRightEdgeAt(nowMicros);
  return scale.equals(v.scale) ? v : { ...v, scale };
}

export function panBy(v: Viewport, dxCssPx: CssPx): Viewport {
  return { ...v, scale: v.scale.panByCssPx(dxCssPx), following: false };
}

/** Zoom around the anchor; while following, around the right edge, and keep following. */
export function zoomBy(v: Viewport, anchorCssPx: CssPx, factor: number): Viewport {
  const anchor = v.following ? v.scale.widthCssPx : anchorCssPx;
  return { ...v, scale: v.scale.zoomAt(anchor, factor) };
}

/** Scroll rows; clamped so the content never leaves the view. Stops following. */
export function scrollBy(v: Viewport, dyCssPx: CssPx, contentHeightCssPx: CssPx, viewHeightCssPx: CssPx): Viewport {
  const scrollYCssPx = clampScroll(v.scrollYCssPx + dyCssPx, contentHeightCssPx, viewHeightCssPx);
  return { ...v, scrollYCssPx, following: dyCssPx === 0 ? v.following : false };
}

export function clampScroll(y: CssPx, contentHeightCssPx: CssPx, viewHeightCssPx: CssPx): CssPx {
  return Math.max(0, Math.min(y, contentHeightCssPx - viewHeightCssPx));
}

/** Show [startMicros, endMicros] whole (a finished or reopened run). Stops following. */
export function fitTo(v: Viewport, startMicros: Micros, endMicros: Micros): Viewport {
  const pad = Math.max(1, (endMicros - startMicros) * 0.02);
  return { ...v, scale: TimeScale.fit(startMicros - pad, endMicros + pad, v.scale.widthCssPx), following: false };
}

/** While following: show [startMicros, nowMicros] with a little room on both sides, still following. */
export function fitLive(v: Viewport, startMicros: Micros, nowMicros: Micros): Viewport {
  const span = Math.max(50_000, nowMicros - startMicros);
  return { ...v, scale: TimeScale.fit(nowMicros - span * 1.04, nowMicros + span * 0.02, v.scale.widthCssPx) };
}

export function follow(v: Viewport): Viewport {
  return { ...v, following: true };
}

export function resize(v: Viewport, widthCssPx: CssPx): Viewport {
  if (widthCssPx === v.scale.widthCssPx) return v;
  // Keep the same span of time in view: a wider canvas shows it in more detail.
  const scale = TimeScale.fit(v.scale.startMicros, v.scale.endMicros, widthCssPx);
  // Too narrow to show that span within the zoom limits (the page laid out at 1 px for a moment,
  // as a full-page screenshot does): keep the old scale until it widens, or the clamped span
  // would stay when it did (a fitted 6 s run came back as its first 3.5 s).
  const kept = Math.abs(scale.durationMicros - v.scale.durationMicros) <= v.scale.durationMicros * 1e-9;
  return kept ? { ...v, scale } : v;
}

/**
 * The contract between a view (lanes, requests) and the one row renderer: a view is only
 * configuration — which rows are visible, where they sit, which spans feed each row, what the
 * gutter says — and draw-rows.ts draws any of them the same way.
 */
import type { Micros } from '../../../shared/trace.ts';
import type { RowMerger } from './level-of-detail.ts';
import type { CssPx } from './time-scale.ts';

/** One horizontal strip of spans. */
export interface Track {
  /** Top, in CSS px from the top of the rows area (scroll already applied). */
  yCssPx: CssPx;
  heightCssPx: CssPx;
  /** Feed every span of this strip that may touch [t0, t1] into the merger. */
  feed(merger: RowMerger, t0: Micros, t1: Micros): void;
}

/** Text in the gutter beside a row. */
export interface RowLabel {
  yCssPx: CssPx;
  heightCssPx: CssPx;
  text: string;
  detail: string;
  tone: 'normal' | 'muted' | 'error';
  /** The request this row shows (requests view), for the hover highlight. */
  req: number;
}

export interface ViewLayout {
  tracks: Track[];
  labels: RowLabel[];
}

/**
 * What is under the pointer: a span (by its number), or a strip of a request's row that holds
 * no span (the requests view's client phases and Server-Timing bars).
 */
export type Hit = { kind: 'span'; span: number } | { kind: 'request'; req: number };

/** One arrow of the who-blocked-whom overlay, in the run's time and the view's rows (CSS px from its top). */
export interface FlowLine {
  fromMicros: Micros;
  fromY: CssPx;
  toMicros: Micros;
  toY: CssPx;
}

/** A view of the run: rows, their placement, and what is under a point. */
export interface TimelineView {
  contentHeightCssPx(viewHeightCssPx: CssPx): CssPx;
  /** Rows that intersect [scrollY, scrollY + viewHeight), placed relative to the view's top. */
  layout(scrollYCssPx: CssPx, viewHeightCssPx: CssPx): ViewLayout;
  /** A sentence to show over the rows when they alone would mislead, or null. */
  note(): string | null;
  /** What is under (t, y), or null; y is relative to the view's top. */
  hit(t: Micros, yCssPx: CssPx, scrollYCssPx: CssPx, viewHeightCssPx: CssPx, toleranceMicros: Micros): Hit | null;
  /** The who-blocked-whom arrows for the rows in view, where the view can draw them. */
  flowLines?(scrollYCssPx: CssPx, viewHeightCssPx: CssPx): FlowLine[];
}

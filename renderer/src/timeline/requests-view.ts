/**
 * The requests view as configuration: one row per request in id order, a waterfall of its
 * server phases (stacked in sub-rows where they overlap, as when the loop awaits while an
 * executor thread blocks) above a thin strip for what the client saw, send to receive.
 * Twenty thousand rows are only arithmetic: just the visible ones become tracks.
 */
import { Phase, SPAN_STRIDE, SpanField } from '../../../shared/trace.ts';
import { isError } from '../../../shared/analysis/summary.ts';
import { endpointLabel } from '../../../shared/imported-run.ts';
import type { TraceStore } from '../state/trace-store.ts';
import { pickSpanAt } from './hit-test.ts';
import type { RowMerger } from './level-of-detail.ts';
import { PHASE_PRIORITY } from './phase-priority.ts';
import type { CssPx } from './time-scale.ts';
import type { RowLabel, TimelineView, Track } from './track.ts';

const REQUEST_ROW_CSS_PX = 18;
const SERVER_TOP = 1;
const SERVER_HEIGHT = 11;
const CLIENT_TOP = 13;
const CLIENT_HEIGHT = 3;
/** More sub-rows than this share the last one: a 32-way gather stays readable. */
const MAX_SUB_ROWS = 3;

export class RequestsView implements TimelineView {
  private scratch = new Int32Array(256);

  constructor(private readonly store: TraceStore) {}

  contentHeightCssPx(): CssPx {
    return this.store.requestRows.rowCount * REQUEST_ROW_CSS_PX;
  }

  layout(scrollYCssPx: CssPx, viewHeightCssPx: CssPx) {
    const rows = this.store.requestRows;
    const first = Math.max(0, Math.floor(scrollYCssPx / REQUEST_ROW_CSS_PX));
    const last = Math.min(rows.rowCount, Math.ceil((scrollYCssPx + viewHeightCssPx) / REQUEST_ROW_CSS_PX));
    const tracks: Track[] = [];
    const labels: RowLabel[] = [];
    for (let row = first; row < last; row++) {
      const y = row * REQUEST_ROW_CSS_PX - scrollYCssPx;
      const subRows = Math.min(MAX_SUB_ROWS, rows.subRowsOf(row));
      const h = SERVER_HEIGHT / subRows;
      for (let sub = 0; sub < subRows; sub++) {
        const wanted = (s: number) => s === sub || (sub === subRows - 1 && s > sub);
        tracks.push({
          yCssPx: y + SERVER_TOP + sub * h,
          heightCssPx: h - (subRows > 1 ? 0.5 : 0),
          feed: (m) => this.feed(m, row, wanted),
        });
      }
      tracks.push({
        yCssPx: y + CLIENT_TOP,
        heightCssPx: CLIENT_HEIGHT,
        feed: (m) => this.feedClient(m, row),
      });
      labels.push(this.label(row, y));
    }
    return { tracks, labels };
  }

  /** Earliest instant recorded for the rows in [scrollY, scrollY + viewHeight), or null. */
  earliestMicros(scrollYCssPx: CssPx, viewHeightCssPx: CssPx): number | null {
    const rows = this.store.requestRows;
    const data = this.store.spans.data;
    const first = Math.max(0, Math.floor(scrollYCssPx / REQUEST_ROW_CSS_PX));
    const last = Math.min(rows.rowCount, Math.ceil((scrollYCssPx + viewHeightCssPx) / REQUEST_ROW_CSS_PX));
    let earliest = Infinity;
    for (let row = first; row < last; row++) {
      rows.forEach(row, (span) => (earliest = Math.min(earliest, data[span * SPAN_STRIDE + SpanField.start])));
      const record = this.store.requestById.get(rows.reqAt(row));
      if (record) earliest = Math.min(earliest, record.sent);
    }
    return earliest === Infinity ? null : earliest;
  }

  note(): string | null {
    return null;
  }

  hit(t: number, yCssPx: CssPx, scrollYCssPx: CssPx, _viewHeight: CssPx, toleranceMicros: number): number {
    const rows = this.store.requestRows;
    const contentY = yCssPx + scrollYCssPx;
    const row = Math.floor(contentY / REQUEST_ROW_CSS_PX);
    if (row < 0 || row >= rows.rowCount) return -1;
    const within = contentY - row * REQUEST_ROW_CSS_PX;
    const subRows = Math.min(MAX_SUB_ROWS, rows.subRowsOf(row));
    const sub =
      within >= CLIENT_TOP - 0.5
        ? -1
        : Math.min(subRows - 1, Math.floor(((within - SERVER_TOP) / SERVER_HEIGHT) * subRows));
    let n = 0;
    rows.forEach(row, (span, s) => {
      if (s === sub || (sub === subRows - 1 && s > sub)) {
        if (n === this.scratch.length) {
          const bigger = new Int32Array(n * 2);
          bigger.set(this.scratch);
          this.scratch = bigger;
        }
        this.scratch[n++] = span;
      }
    });
    return pickSpanAt(this.store.spans.data, this.scratch, 0, n, t, toleranceMicros, PHASE_PRIORITY);
  }

  private feed(merger: RowMerger, row: number, wanted: (subRow: number) => boolean): void {
    const data = this.store.spans.data;
    this.store.requestRows.forEach(row, (span, sub) => {
      if (!wanted(sub)) return;
      const o = span * SPAN_STRIDE;
      merger.add(
        data[o + SpanField.start],
        data[o + SpanField.end],
        data[o + SpanField.phase],
        data[o + SpanField.req],
      );
    });
  }

  /** The client's view of the request: its own spans, or else its record's send → receive. */
  private feedClient(merger: RowMerger, row: number): void {
    let seen = false;
    this.feed(merger, row, (s) => (s === -1 ? (seen = true) : false));
    if (seen) return;
    const req = this.store.requestRows.reqAt(row);
    const record = this.store.requestById.get(req);
    if (record?.received != null) merger.add(record.sent, record.received, Phase.client, req);
  }

  private label(row: number, y: CssPx): RowLabel {
    const req = this.store.requestRows.reqAt(row);
    const record = this.store.requestById.get(req);
    const endpoint = record ? endpointLabel(this.store.currentScenario, record.endpoint) : undefined;
    const failed = record ? isError(record) : false;
    return {
      yCssPx: y,
      heightCssPx: REQUEST_ROW_CSS_PX,
      text: `#${req}`,
      detail: record ? `${endpoint ?? ''}${failed ? ` · ${record.error ?? record.status}` : ''}` : 'in flight',
      tone: failed ? 'error' : record ? 'normal' : 'muted',
      req,
    };
  }
}

/**
 * The requests view as configuration: one row per request in id order, a waterfall of its
 * server phases (stacked in sub-rows where they overlap, as when the loop awaits while an
 * executor thread blocks) above a thin strip for what the client saw: its phases (waiting for a
 * connection, connect, TLS, send, waiting for the first byte, body) where they were measured,
 * else send to receive. A run whose responses carried Server-Timing metrics gets one more strip
 * under that, with the metrics as bars inside the wait (server-timing-bars.ts).
 * Twenty thousand rows are only arithmetic: just the visible ones become tracks.
 */
import { Phase, SPAN_STRIDE, SpanField } from '../../../shared/trace.ts';
import { isError } from '../../../shared/analysis/summary.ts';
import { clientPhases } from '../../../shared/client-phases.ts';
import { endpointLabel } from '../../../shared/imported-run.ts';
import type { TraceStore } from '../state/trace-store.ts';
import { clientPhaseCode, serverTimingCode } from './draw-codes.ts';
import { pickSpanAt } from './hit-test.ts';
import type { RowMerger } from './level-of-detail.ts';
import { PHASE_PRIORITY } from './phase-priority.ts';
import { serverTimingBars } from './server-timing-bars.ts';
import type { CssPx } from './time-scale.ts';
import type { FlowLine, Hit, RowLabel, TimelineView, Track } from './track.ts';
import { flowsOf, heldArrival, heldWait, type HeldWait, type WaitContext } from './wait-holders.ts';

const REQUEST_ROW_CSS_PX = 18;
/** Rows of a run with Server-Timing metrics: room for their strip. */
const REQUEST_ROW_WITH_TIMING_CSS_PX = 22;
const SERVER_TOP = 1;
const SERVER_HEIGHT = 11;
const CLIENT_TOP = 13;
const CLIENT_HEIGHT = 4;
const TIMING_TOP = 18;
const TIMING_HEIGHT = 3;
/** More sub-rows than this share the last one: a 32-way gather stays readable. */
const MAX_SUB_ROWS = 3;

export class RequestsView implements TimelineView {
  private scratch = new Int32Array(256);

  constructor(private readonly store: TraceStore) {}

  contentHeightCssPx(): CssPx {
    return this.store.requestRows.rowCount * this.rowHeight();
  }

  private rowHeight(): CssPx {
    return this.store.hasServerTiming ? REQUEST_ROW_WITH_TIMING_CSS_PX : REQUEST_ROW_CSS_PX;
  }

  layout(scrollYCssPx: CssPx, viewHeightCssPx: CssPx) {
    const rows = this.store.requestRows;
    const rowHeight = this.rowHeight();
    const timing = this.store.hasServerTiming;
    const first = Math.max(0, Math.floor(scrollYCssPx / rowHeight));
    const last = Math.min(rows.rowCount, Math.ceil((scrollYCssPx + viewHeightCssPx) / rowHeight));
    const tracks: Track[] = [];
    const labels: RowLabel[] = [];
    for (let row = first; row < last; row++) {
      const y = row * rowHeight - scrollYCssPx;
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
      if (timing)
        tracks.push({
          yCssPx: y + TIMING_TOP,
          heightCssPx: TIMING_HEIGHT,
          feed: (m) => this.feedServerTiming(m, row),
        });
      labels.push(this.label(row, y, rowHeight));
    }
    return { tracks, labels };
  }

  /** Earliest instant recorded for the rows in [scrollY, scrollY + viewHeight), or null. */
  earliestMicros(scrollYCssPx: CssPx, viewHeightCssPx: CssPx): number | null {
    const rows = this.store.requestRows;
    const data = this.store.spans.data;
    const rowHeight = this.rowHeight();
    const first = Math.max(0, Math.floor(scrollYCssPx / rowHeight));
    const last = Math.min(rows.rowCount, Math.ceil((scrollYCssPx + viewHeightCssPx) / rowHeight));
    let earliest = Infinity;
    for (let row = first; row < last; row++) {
      rows.forEach(row, (span) => (earliest = Math.min(earliest, data[span * SPAN_STRIDE + SpanField.start])));
      const record = this.store.requestById.get(rows.reqAt(row));
      if (record) earliest = Math.min(earliest, record.intended);
    }
    return earliest === Infinity ? null : earliest;
  }

  note(): string | null {
    return null;
  }

  /**
   * The who-blocked-whom overlay for the rows in view: an arrow from each holder's span to the
   * end of each wait it prolonged (a holder scrolled out of view is drawn from the edge).
   */
  flowLines(scrollYCssPx: CssPx, viewHeightCssPx: CssPx): FlowLine[] {
    const rows = this.store.requestRows;
    const rowHeight = this.rowHeight();
    const first = Math.max(0, Math.floor(scrollYCssPx / rowHeight));
    const last = Math.min(rows.rowCount, Math.ceil((scrollYCssPx + viewHeightCssPx) / rowHeight));
    const ctx = this.waitContext();
    const yOf = (req: number) => {
      const y = rows.rowOf(req) * rowHeight - scrollYCssPx + SERVER_TOP + SERVER_HEIGHT / 2;
      return Math.min(viewHeightCssPx, Math.max(0, y));
    };
    const lines: FlowLine[] = [];
    for (let row = first; row < last; row++) {
      for (const wait of this.heldWaitsOf(ctx, row))
        for (const f of flowsOf(ctx, wait))
          lines.push({ fromMicros: f.fromMicros, fromY: yOf(f.fromReq), toMicros: f.toMicros, toY: yOf(f.toReq) });
    }
    return lines;
  }

  private waitContext(): WaitContext {
    const s = this.store;
    return { data: s.spans.data, lanes: s.lanes, laneRows: s.laneRows, requestById: s.requestById };
  }

  private heldWaitsOf(ctx: WaitContext, row: number): HeldWait[] {
    const req = this.store.requestRows.reqAt(row);
    const spans: number[] = [];
    this.store.requestRows.forEach(row, (span) => spans.push(span));
    const waits = spans.map((span) => heldWait(ctx, span, spans));
    const record = this.store.requestById.get(req);
    if (record) waits.push(heldArrival(ctx, record));
    return waits.filter((w): w is HeldWait => w !== null);
  }

  hit(t: number, yCssPx: CssPx, scrollYCssPx: CssPx, _viewHeight: CssPx, toleranceMicros: number): Hit | null {
    const rows = this.store.requestRows;
    const rowHeight = this.rowHeight();
    const contentY = yCssPx + scrollYCssPx;
    const row = Math.floor(contentY / rowHeight);
    if (row < 0 || row >= rows.rowCount) return null;
    const within = contentY - row * rowHeight;
    // The client's strip and the Server-Timing strip describe the request as a whole.
    if (within >= CLIENT_TOP - 0.5) return this.hitRequest(row, t, toleranceMicros);
    const subRows = Math.min(MAX_SUB_ROWS, rows.subRowsOf(row));
    const sub = Math.min(subRows - 1, Math.floor(((within - SERVER_TOP) / SERVER_HEIGHT) * subRows));
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
    const span = pickSpanAt(this.store.spans.data, this.scratch, 0, n, t, toleranceMicros, PHASE_PRIORITY);
    return span < 0 ? null : { kind: 'span', span };
  }

  /** The request of `row`, when t falls within what its client strip draws (give or take the tolerance). */
  private hitRequest(row: number, t: number, toleranceMicros: number): Hit | null {
    const req = this.store.requestRows.reqAt(row);
    const record = this.store.requestById.get(req);
    if (!record) return null;
    let from = record.intended;
    let to = record.received ?? record.sent;
    this.store.requestRows.forEach(row, (span, sub) => {
      if (sub !== -1) return;
      const o = span * SPAN_STRIDE;
      from = Math.min(from, this.store.spans.data[o + SpanField.start]);
      to = Math.max(to, this.store.spans.data[o + SpanField.end]);
    });
    for (const p of clientPhases(record)) to = Math.max(to, p.end);
    return t >= from - toleranceMicros && t <= to + toleranceMicros ? { kind: 'request', req } : null;
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

  /**
   * The client's view of the request: its measured phases; runs from before they were measured
   * show their own client spans, or else the record's send → receive.
   */
  private feedClient(merger: RowMerger, row: number): void {
    const req = this.store.requestRows.reqAt(row);
    const record = this.store.requestById.get(req);
    const phases = record ? clientPhases(record) : [];
    if (phases.length > 0) {
      for (const p of phases) if (p.end > p.start) merger.add(p.start, p.end, clientPhaseCode(p.index), req);
      return;
    }
    let seen = false;
    this.feed(merger, row, (s) => (s === -1 ? (seen = true) : false));
    if (seen) return;
    if (record?.received != null) merger.add(record.sent, record.received, Phase.client, req);
  }

  private feedServerTiming(merger: RowMerger, row: number): void {
    const req = this.store.requestRows.reqAt(row);
    const record = this.store.requestById.get(req);
    if (!record) return;
    serverTimingBars(record).forEach((bar, i) => merger.add(bar.start, bar.end, serverTimingCode(i), req));
  }

  private label(row: number, y: CssPx, rowHeight: CssPx): RowLabel {
    const req = this.store.requestRows.reqAt(row);
    const record = this.store.requestById.get(req);
    const scenario = this.store.currentScenario;
    const endpoint = record ? endpointLabel(scenario, record.endpoint) : undefined;
    const failed = record ? isError(record) : false;
    return {
      yCssPx: y,
      heightCssPx: rowHeight,
      text: `#${req}`,
      detail: record ? `${endpoint ?? ''}${failed ? ` · ${record.error ?? record.status}` : ''}` : 'in flight',
      tone: failed ? 'error' : record ? 'normal' : 'muted',
      req,
    };
  }
}

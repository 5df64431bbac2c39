/**
 * A run's first requests as compact waterfall rows (one row per request, in send order, each
 * with the phases of its spans), on the run's own clock: ms since its first intended send. The
 * comparison draws two runs' rows one above the other on one time axis, so "ten bars side by
 * side" against "a staircase" is seen, not read.
 */
import { PHASES, SPAN_STRIDE, SpanField, type PhaseCode } from '../trace.ts';
import type { RunRecords } from './time-grid.ts';

export interface WaterfallSegment {
  startMs: number;
  endMs: number;
  phase: PhaseCode;
}

export interface WaterfallRow {
  req: number;
  /** From the intended send to the response (or to the last span, when none came). */
  startMs: number;
  endMs: number;
  failed: boolean;
  segments: WaterfallSegment[];
}

const CLIENT = PHASES.findIndex((p) => p.id === 'client');

/** The first `maxRows` requests by intended send, with their server-side spans. */
export function waterfallRows(records: Pick<RunRecords, 'requests' | 'spans'>, maxRows: number): WaterfallRow[] {
  const first = [...records.requests].sort((a, b) => a.intended - b.intended || a.id - b.id).slice(0, maxRows);
  if (first.length === 0) return [];
  const origin = first[0].intended;
  const ms = (micros: number) => (micros - origin) / 1000;
  const rows = new Map<number, WaterfallRow>();
  for (const r of first)
    rows.set(r.id, {
      req: r.id,
      startMs: ms(r.intended),
      endMs: ms(r.received ?? r.intended),
      failed: r.status === 0 || r.status >= 400,
      segments: [],
    });
  const { spans } = records;
  for (let i = 0; i < spans.length; i += SPAN_STRIDE) {
    const row = rows.get(spans[i + SpanField.req]);
    const phase = spans[i + SpanField.phase] as PhaseCode;
    if (!row || phase === CLIENT) continue;
    const end = ms(spans[i + SpanField.end]);
    row.segments.push({ startMs: ms(spans[i + SpanField.start]), endMs: end, phase });
    row.endMs = Math.max(row.endMs, end);
  }
  return [...rows.values()];
}

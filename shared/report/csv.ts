/**
 * The CSV export: one row per request, for a spreadsheet or pandas.
 *
 * RFC 4180: comma-separated, CRLF line ends, a header row, fields quoted when they hold a comma,
 * a quote, a line break or surrounding spaces, quotes doubled inside. Times are milliseconds
 * since the run's origin with microsecond precision; an empty field means "never reached".
 * Each phase gets a column with the request's total time in it, summed over its spans (spans can
 * nest or overlap: `running` contains the `block` inside it, gathered awaits overlap).
 */
import type { RunDocument } from '../run.ts';
import { endpointLabel } from '../imported-run.ts';
import { PHASES, SPAN_STRIDE, SpanField, type PhaseId } from '../trace.ts';

/** Phases with a column (the `client` span is the latency column already). */
const CSV_PHASES: readonly PhaseId[] = PHASES.filter((p) => p.id !== 'client').map((p) => p.id);

export const CSV_COLUMNS: readonly string[] = [
  'id',
  'endpoint',
  'status',
  'error',
  'intended_ms',
  'sent_ms',
  'accepted_ms',
  'responded_ms',
  'received_ms',
  'latency_ms',
  'send_lag_ms',
  ...CSV_PHASES.map((id) => `${id.replace(/-/g, '_')}_ms`),
];

/** One field, quoted only when it must be. */
function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record, fields joined; no line end. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/** Microseconds as milliseconds with up to three decimals, or empty for null. */
function ms(us: number | null): string {
  return us === null ? '' : String(Math.round(us) / 1000);
}

/** The run as CSV text, header first, one CRLF-terminated line per request. */
export function runToCsv(doc: Pick<RunDocument, 'scenario' | 'spans' | 'requests'>): string {
  const column = new Map<number, number>(CSV_PHASES.map((id, i) => [PHASES.findIndex((p) => p.id === id), i]));
  const phaseTime = new Map<number, Float64Array>();
  const { spans } = doc;
  for (let i = 0; i < spans.length; i += SPAN_STRIDE) {
    const col = column.get(spans[i + SpanField.phase]);
    if (col === undefined) continue;
    const req = spans[i + SpanField.req];
    let row = phaseTime.get(req);
    if (!row) phaseTime.set(req, (row = new Float64Array(CSV_PHASES.length)));
    row[col] += spans[i + SpanField.end] - spans[i + SpanField.start];
  }
  const lines = [csvRecord(CSV_COLUMNS)];
  for (const r of doc.requests) {
    const times = phaseTime.get(r.id);
    lines.push(
      csvRecord([
        String(r.id),
        endpointLabel(doc.scenario, r.endpoint) ?? `#${r.endpoint}`,
        String(r.status),
        r.error ?? '',
        ms(r.intended),
        ms(r.sent),
        ms(r.accepted),
        ms(r.responded),
        ms(r.received),
        r.received === null ? '' : ms(r.received - r.intended),
        ms(r.sent - r.intended),
        ...CSV_PHASES.map((_, i) => ms(times ? times[i] : 0)),
      ]),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

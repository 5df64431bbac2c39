/**
 * The words shown when hovering a request's client strip or its Server-Timing bars: its outcome,
 * each client phase with its duration, and each Server-Timing metric as the header gave it, with
 * what the drawing had to assume (a metric has a duration but no start) and what was cut.
 */
import { formatMs } from '../../../shared/analysis/format.ts';
import { CLIENT_PHASES, clientPhases } from '../../../shared/client-phases.ts';
import { describeMetric, serverTimingCuts } from '../../../shared/server-timing-kept.ts';
import { latencyMicros } from '../../../shared/trace.ts';
import { endpointLabel } from '../../../shared/imported-run.ts';
import type { SpanContext, SpanDetails } from './span-details.ts';
import { serverTimingBars } from './server-timing-bars.ts';
import { explainArrivalWait } from './wait-holders.ts';

/** "client: connecting (TCP)" → "connecting (TCP)": the card says "Client" once. */
const PHASE_WORDS = CLIENT_PHASES.map((p) => p.label.replace(/^client: /, ''));

/** The hover context; the packed spans and lanes are needed only to name who held a wait. */
type RequestContext = Omit<SpanContext, 'data' | 'lanes'> & Partial<Pick<SpanContext, 'data' | 'lanes'>>;

export function describeRequest(ctx: RequestContext, req: number): SpanDetails {
  const record = ctx.requestById.get(req);
  // A URL or imported run names the request it sent ("GET http://…"), as the row label does.
  const endpoint = record ? endpointLabel(ctx.scenario ?? null, record.endpoint) : undefined;
  const title = `Request #${req}${endpoint ? ` · ${endpoint}` : ''}`;
  if (!record) return { title, lines: ['in flight'] };
  const outcome = record.error ? `failed: ${record.error}` : `HTTP ${record.status}`;
  const latency = latencyMicros(record);
  const lines = [latency === null ? outcome : `${outcome} · latency ${formatMs(latency / 1000)}`];
  const { data, lanes, waits } = ctx;
  const arrival =
    waits && data && lanes
      ? explainArrivalWait({ data, lanes, laneRows: waits.laneRows, requestById: ctx.requestById }, record)
      : null;
  if (arrival) lines.push(arrival);

  const phases = clientPhases(record);
  if (phases.length === 0) {
    lines.push(
      record.received === null
        ? 'Client: no phases recorded'
        : `Client: sent → received ${formatMs((record.received - record.sent) / 1000)} (phases not recorded in this run)`,
    );
  } else {
    lines.push(
      record.connectStart === undefined
        ? 'Client (on a kept-alive connection, no connecting):'
        : 'Client (new connection):',
    );
    for (const p of phases) lines.push(`· ${PHASE_WORDS[p.index]} ${formatMs((p.end - p.start) / 1000)}`);
  }

  const metrics = record.serverTiming ?? [];
  for (const m of metrics) lines.push(`Server-Timing: ${describeMetric(m, formatMs)}`);
  if (serverTimingBars(record).length > 0)
    lines.push(
      '(a metric has a duration, not a start: drawn end to end from the start of server time, in header order)',
    );
  for (const note of serverTimingCuts(metrics, record.serverTimingDropped ?? 0)) lines.push(note);
  return { title, lines };
}

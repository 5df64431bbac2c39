/** The words shown when hovering a span: which request, what it was doing, where, when, how long. */
import { formatMs } from '../../../shared/analysis/format.ts';
import { endpointLabel } from '../../../shared/imported-run.ts';
import type { Scenario } from '../../../shared/scenario.ts';
import { PHASES, SPAN_STRIDE, SpanField, latencyMicros, type Lane, type RequestRecord } from '../../../shared/trace.ts';
import { explainWait, type LaneIndex } from './wait-holders.ts';

export interface SpanDetails {
  title: string;
  lines: string[];
}

export interface SpanContext {
  data: Float64Array;
  lanes: readonly Lane[];
  requestById: ReadonlyMap<number, RequestRecord>;
  scenario: Scenario | null;
  /** The per-lane index and each request's spans: with them a wait names who held what it waited for. */
  waits?: { laneRows: LaneIndex; spansOfReq(req: number): ArrayLike<number> };
}

export function describeSpan(ctx: SpanContext, span: number): SpanDetails {
  const o = span * SPAN_STRIDE;
  const req = ctx.data[o + SpanField.req];
  const laneId = ctx.data[o + SpanField.lane];
  const phase = PHASES[ctx.data[o + SpanField.phase]];
  const start = ctx.data[o + SpanField.start];
  const end = ctx.data[o + SpanField.end];
  const record = ctx.requestById.get(req);
  const endpoint = record ? endpointLabel(ctx.scenario, record.endpoint) : undefined;
  const lane = ctx.lanes.find((l) => l.id === laneId);
  const outcome = !record ? 'in flight' : record.error ? `failed: ${record.error}` : `HTTP ${record.status}`;
  const latency = record ? latencyMicros(record) : null;
  const waitedFor = ctx.waits
    ? explainWait({ ...ctx, laneRows: ctx.waits.laneRows }, span, ctx.waits.spansOfReq(req))
    : null;
  return {
    title: `Request #${req}${endpoint ? ` · ${endpoint}` : ''}`,
    lines: [
      `${phase?.label ?? 'unknown phase'}${lane ? ` · ${lane.name}` : ''}`,
      `${formatMs((end - start) / 1000)}, from ${formatMs(start / 1000)} to ${formatMs(end / 1000)}`,
      ...(waitedFor ? [waitedFor] : []),
      latency === null ? outcome : `${outcome} · latency ${formatMs(latency / 1000)}`,
    ],
  };
}

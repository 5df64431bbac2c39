/**
 * Who a wait waited for. A request that queued for a worker, for an executor thread, for the
 * interpreter lock or for a blocked event loop waited because other requests held that thing;
 * the trace knows who, because every span names its lane. These functions find the holders
 * (the other requests' thread-holding spans on the resource during the wait) and say it in one
 * sentence, for the hover card and the who-blocked-whom overlay.
 *
 * Pure and DOM-free: the trace store passes its packed spans and its per-lane index.
 */
import { formatMs } from '../../../shared/analysis/format.ts';
import { PHASES, SPAN_STRIDE, SpanField, type Lane, type PhaseId, type RequestRecord } from '../../../shared/trace.ts';

/** The spans that held a lane's thread, by lane id, sorted by start (see sorted-rows.ts). */
export interface LaneIndex {
  spansOf(lane: number): ArrayLike<number>;
  candidates(lane: number, t0: number, t1: number): [number, number];
}

export interface WaitContext {
  data: Float64Array;
  lanes: readonly Lane[];
  laneRows: LaneIndex;
  requestById: ReadonlyMap<number, RequestRecord>;
}

/** One request that held the resource during a wait, and for how long within it. */
export interface Holder {
  req: number;
  /** The span (its number) that overlapped the wait the longest. */
  span: number;
  phase: PhaseId;
  lane: number;
  overlapMicros: number;
}

/** How a holding phase reads after "request #17's". */
const HOLDING_WORDS: Partial<Record<PhaseId, string>> = {
  block: 'blocking call (time.sleep)',
  cpu: 'CPU work',
  db: 'database query',
  'upstream-block': 'blocking HTTP call',
  gil: 'wait for the interpreter lock',
  running: 'view',
};

function phaseOf(ctx: WaitContext, span: number): PhaseId {
  return PHASES[ctx.data[span * SPAN_STRIDE + SpanField.phase]]?.id ?? 'running';
}

/**
 * Other requests' spans holding any of `lanes` during [t0, t1], one per request (its longest
 * overlap; a sync worker's enclosing `running` span loses to the blocked or cpu span inside it),
 * the longest holder first. `only` keeps just the phases that matter (the lock: cpu).
 */
export function holdersDuring(
  ctx: WaitContext,
  lanes: readonly number[],
  t0: number,
  t1: number,
  exceptReq: number,
  only?: ReadonlySet<PhaseId>,
): Holder[] {
  const byReq = new Map<number, Holder>();
  for (const lane of lanes) {
    const spans = ctx.laneRows.spansOf(lane);
    const [from, to] = ctx.laneRows.candidates(lane, t0, t1);
    for (let i = from; i < to; i++) {
      const span = spans[i];
      const o = span * SPAN_STRIDE;
      const req = ctx.data[o + SpanField.req];
      if (req === exceptReq) continue;
      const phase = phaseOf(ctx, span);
      if (only && !only.has(phase)) continue;
      const overlap = Math.min(t1, ctx.data[o + SpanField.end]) - Math.max(t0, ctx.data[o + SpanField.start]);
      if (overlap <= 0) continue;
      const known = byReq.get(req);
      const inner = known?.phase === 'running' && phase !== 'running';
      if (!known || inner || (phase !== 'running' && overlap > known.overlapMicros))
        byReq.set(req, { req, span, phase, lane, overlapMicros: overlap });
    }
  }
  return [...byReq.values()].sort((a, b) => b.overlapMicros - a.overlapMicros || a.req - b.req);
}

/** The lane a request's next thread-holding span after `t` ran on: where a queue led. */
function nextLaneOf(ctx: WaitContext, req: number, t: number, spansOfReq: ArrayLike<number>): number | null {
  let best: number | null = null;
  let bestStart = Infinity;
  for (let i = 0; i < spansOfReq.length; i++) {
    const o = spansOfReq[i] * SPAN_STRIDE;
    const start = ctx.data[o + SpanField.start];
    if (ctx.data[o + SpanField.req] !== req || start < t - 1 || start >= bestStart) continue;
    if (!PHASES[ctx.data[o + SpanField.phase]]?.holds) continue;
    best = ctx.data[o + SpanField.lane];
    bestStart = start;
  }
  return best;
}

function laneName(ctx: WaitContext, lane: number): string {
  return ctx.lanes.find((l) => l.id === lane)?.name ?? `thread ${lane}`;
}

/** "request #17's blocking wait (…)", "requests #17 and #18", "request #17's CPU work and 3 others". */
export function namedHolders(ctx: WaitContext, holders: readonly Holder[], withLane = false): string {
  const first = holders[0];
  const words = HOLDING_WORDS[first.phase] ?? PHASES.find((p) => p.id === first.phase)?.label ?? first.phase;
  const where = withLane ? ` on ${laneName(ctx, first.lane)}` : '';
  const rest = holders.length - 1;
  const more = rest === 0 ? '' : rest === 1 ? ` and request #${holders[1].req}` : ` and ${rest} other requests`;
  return `request #${first.req}'s ${words}${where}${more}`;
}

/** What a wait waited for, who held it, and when the wait ran. */
export interface HeldWait {
  /** The waiting request, and its wait's extent (µs). */
  req: number;
  t0: number;
  t1: number;
  /** 'lane': a worker or executor thread; 'lock': the interpreter lock; 'late': an await the loop woke late; 'arrival': the loop read the request late. */
  kind: 'lane' | 'lock' | 'late' | 'arrival';
  /** The thread waited for ('lane'), or where the wait's own span ran. */
  lane: number;
  holders: Holder[];
}

/** How close to a wait's end a loop-blocking span must end for the wait to have been kept by it. */
const LATE_WAKE_SLACK_MICROS = 1_000;

/**
 * What the wait `span` waited for and who held it, or null when the span is not a wait on
 * something the trace can see, or nobody else held it (a wait on an idle thread).
 */
export function heldWait(ctx: WaitContext, span: number, spansOfReq: ArrayLike<number>): HeldWait | null {
  const o = span * SPAN_STRIDE;
  const req = ctx.data[o + SpanField.req];
  const t0 = ctx.data[o + SpanField.start];
  const t1 = ctx.data[o + SpanField.end];
  const lane = ctx.data[o + SpanField.lane];
  const phase = phaseOf(ctx, span);
  const found = (kind: HeldWait['kind'], on: number, holders: Holder[]): HeldWait | null =>
    holders.length === 0 ? null : { req, t0, t1, kind, lane: on, holders };
  if (phase === 'queued' || phase === 'exec-queue') {
    const target = nextLaneOf(ctx, req, t1, spansOfReq);
    return target === null ? null : found('lane', target, holdersDuring(ctx, [target], t0, t1, req));
  }
  if (phase === 'gil') {
    const process = ctx.lanes.find((l) => l.id === lane)?.process;
    if (process === undefined) return null;
    const others = ctx.lanes.filter((l) => l.process === process && l.id !== lane).map((l) => l.id);
    return found('lock', lane, holdersDuring(ctx, others, t0, t1, req, new Set<PhaseId>(['cpu'])));
  }
  if (phase === 'await' || phase === 'upstream' || phase === 'offload') {
    if (ctx.lanes.find((l) => l.id === lane)?.kind !== 'loop') return null;
    return found('late', lane, lateWakers(ctx, req, lane, t1));
  }
  return null;
}

/**
 * An await ends when the loop runs its continuation. If another request's span held the loop
 * right up to that moment, the wait ended late because of it.
 */
function lateWakers(ctx: WaitContext, req: number, lane: number, t1: number): Holder[] {
  return holdersDuring(ctx, [lane], t1 - LATE_WAKE_SLACK_MICROS, t1, req)
    .filter((h) => Math.abs(ctx.data[h.span * SPAN_STRIDE + SpanField.end] - t1) <= LATE_WAKE_SLACK_MICROS)
    .slice(0, 1);
}

/**
 * Why a request waited before the server read it (sent → accepted): on the async server the
 * event loop reads requests, so whoever held a loop then kept it waiting.
 */
export function heldArrival(ctx: WaitContext, record: RequestRecord): HeldWait | null {
  if (record.accepted === null || record.accepted - record.sent < LATE_WAKE_SLACK_MICROS) return null;
  const loops = ctx.lanes.filter((l) => l.kind === 'loop').map((l) => l.id);
  const holders = holdersDuring(ctx, loops, record.sent, record.accepted, record.id);
  if (holders.length === 0) return null;
  return { req: record.id, t0: record.sent, t1: record.accepted, kind: 'arrival', lane: holders[0].lane, holders };
}

/** The sentence for a held wait, as the hover card shows it. */
export function sayHeldWait(ctx: WaitContext, w: HeldWait): string {
  const waited = formatMs((w.t1 - w.t0) / 1000);
  switch (w.kind) {
    case 'lane':
      return `Waited ${waited} for ${laneName(ctx, w.lane)}, held by ${namedHolders(ctx, w.holders)}.`;
    case 'lock':
      return `Waited ${waited} for the interpreter lock, held by ${namedHolders(ctx, w.holders, true)}.`;
    case 'arrival':
      return `Waited ${waited} before the server read it: the event loop was held by ${namedHolders(ctx, w.holders)}.`;
    case 'late': {
      const s = w.holders[0].span * SPAN_STRIDE;
      const held = formatMs((ctx.data[s + SpanField.end] - ctx.data[s + SpanField.start]) / 1000);
      return `Ended late: the event loop was held until then by ${namedHolders(ctx, w.holders)}, ${held} long.`;
    }
  }
}

export function explainWait(ctx: WaitContext, span: number, spansOfReq: ArrayLike<number>): string | null {
  const w = heldWait(ctx, span, spansOfReq);
  return w ? sayHeldWait(ctx, w) : null;
}

export function explainArrivalWait(ctx: WaitContext, record: RequestRecord): string | null {
  const w = heldArrival(ctx, record);
  return w ? sayHeldWait(ctx, w) : null;
}

/** An arrow of the who-blocked-whom overlay: from the holder's span to the wait it prolonged. */
export interface Flow {
  fromReq: number;
  /** Where the arrow leaves the holder: the end of its hold, or the wait's end if it held longer. */
  fromMicros: number;
  toReq: number;
  toMicros: number;
}

/** Most holders drawn per wait: the overlay names the main culprits, the card counts the rest. */
const MAX_FLOWS_PER_WAIT = 3;

export function flowsOf(ctx: WaitContext, w: HeldWait): Flow[] {
  return w.holders.slice(0, MAX_FLOWS_PER_WAIT).map((h) => ({
    fromReq: h.req,
    fromMicros: Math.min(w.t1, ctx.data[h.span * SPAN_STRIDE + SpanField.end]),
    toReq: w.req,
    toMicros: w.t1,
  }));
}

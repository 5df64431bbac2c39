/**
 * The quantities the run's sentences (explain-run.ts) say that its summary does not have: how
 * long requests held the event loop in all, how many waited behind it, where the requests'
 * time went by phase, how long they waited with no step of theirs running, the most server
 * threads held at once, and the failures by kind. Computed from the trace alone.
 *
 * The summary's numbers (the longest loop block, threads used, errors, the send lag) are not
 * here on purpose: a sentence writes those from the summary, so it cannot disagree with the tile.
 *
 * Shares are of the requests' total latency, summed over completed requests. Spans of one
 * request can overlap (gathered awaits), so a share is capped at 100% rather than pretending
 * to be exact about concurrency inside a request.
 */
import type { RunDocument } from '../run.ts';
import { hasEventLoop } from '../scenario.ts';
import {
  Phase,
  PHASES,
  SPAN_STRIDE,
  SpanField,
  type Micros,
  type PhaseCode,
  type PhaseId,
  type RequestRecord,
} from '../trace.ts';
import { busyIntervalsByLane } from './busy-threads.ts';
import { isError } from './summary.ts';
import { isTooManyClients } from '../db-connections.ts';

type Doc = Pick<RunDocument, 'scenario' | 'lanes' | 'spans' | 'requests' | 'loop'>;

/** What the sentences say beyond the summary. */
export interface RunFacts {
  /**
   * Time the event loop was held by requests' blocking steps, in all (ms, overlaps merged);
   * null where the server has no event loop.
   */
  loopHeldMs: number | null;
  /** Requests that were in flight while another request held the loop (for half a millisecond or more). */
  waitedBehindLoop: number;
  /** The largest shares of the completed requests' time by phase: at least 5% each, at most three, largest first. */
  shares: { id: PhaseId; words: string; share: number }[];
  /**
   * Async server with a held loop: the share of their time no step of theirs ran (waiting for
   * the loop to get to them); null otherwise.
   */
  idleShare: number | null;
  /** Most server threads held by a step at one instant. */
  busyAtOnce: number;
  /** Failed requests by kind ("HTTP 500", the error's text), most common first, at most four. */
  errorKinds: [kind: string, count: number][];
  /** Kinds of failure beyond the four listed. */
  moreErrorKinds: boolean;
  /** Database connections opened (refused ones included): one `connect` span each. */
  connectionsOpened: number;
  /** Requests that failed because the database refused their connection (too many clients). */
  connectionsRefused: number;
}

/** Merged intervals with prefix sums, to ask "how long was it busy between a and b" in O(log n). */
class IntervalSet {
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly before: number[];
  constructor(intervals: readonly [Micros, Micros][]) {
    const sorted = [...intervals].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
    this.starts = [];
    this.ends = [];
    for (const [s, e] of sorted) {
      const last = this.ends.length - 1;
      if (last >= 0 && s <= this.ends[last]) this.ends[last] = Math.max(this.ends[last], e);
      else {
        this.starts.push(s);
        this.ends.push(e);
      }
    }
    this.before = [0];
    for (let i = 0; i < this.starts.length; i++) this.before.push(this.before[i] + this.ends[i] - this.starts[i]);
  }
  get total(): number {
    return this.before[this.before.length - 1];
  }
  /** Covered time in [0, t). */
  private upTo(t: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    return this.before[lo - 1] + Math.min(this.ends[lo - 1], t) - this.starts[lo - 1];
  }
  within(a: number, b: number): number {
    return b > a ? this.upTo(b) - this.upTo(a) : 0;
  }
}

interface RequestSpans {
  loopHold: [Micros, Micros][];
  all: [Micros, Micros][];
  /** The process of the event loop the request ran on (several under uvicorn --workers). */
  loopProcess?: number;
}

/** Each loop lane's process (0 for the one loop of a single uvicorn process). */
type LoopLanes = ReadonlyMap<number, number>;

function byRequest(doc: Doc, loopLanes: LoopLanes): Map<number, RequestSpans> {
  const out = new Map<number, RequestSpans>();
  const { spans } = doc;
  for (let i = 0; i < spans.length; i += SPAN_STRIDE) {
    const phase = PHASES[spans[i + SpanField.phase]];
    if (phase.id === 'client') continue;
    const req = spans[i + SpanField.req];
    let entry = out.get(req);
    if (!entry) out.set(req, (entry = { loopHold: [], all: [] }));
    const interval: [Micros, Micros] = [spans[i + SpanField.start], spans[i + SpanField.end]];
    entry.all.push(interval);
    const loopProcess = loopLanes.get(spans[i + SpanField.lane]);
    if (loopProcess === undefined) continue;
    entry.loopProcess = loopProcess;
    // A view's steps hold the loop; the framework's Python around every view is the server's own
    // work (the loop timer's lateness says it, not "held by a request").
    if (phase.holds && phase.id !== 'running' && phase.id !== 'framework') entry.loopHold.push(interval);
  }
  return out;
}

/**
 * From send to receive, as the client saw it. Not the server's accept→respond: a blocked loop
 * does not even accept, so a request waiting behind it waits before its `accepted` time.
 */
function flightWindow(r: RequestRecord): [Micros, Micros] {
  return [r.sent, r.received ?? r.responded ?? r.accepted ?? r.sent];
}

const WAIT_PHASES: readonly { id: PhaseId; words: string }[] = [
  { id: 'queued', words: 'queued for a worker' },
  { id: 'exec-queue', words: 'queued for the executor' },
  { id: 'gil', words: 'waiting for the interpreter lock' },
  { id: 'block', words: 'blocked on a thread' },
  { id: 'await', words: 'awaiting with the thread free' },
  { id: 'upstream', words: 'awaiting the upstream' },
  { id: 'upstream-block', words: 'blocked on the upstream' },
  { id: 'cpu', words: 'computing' },
  { id: 'db', words: 'in database queries' },
  { id: 'connect', words: 'opening database connections' },
  { id: 'pool-wait', words: 'waiting for a pooled connection' },
];

function loopFacts(doc: Doc, perRequest: Map<number, RequestSpans>): Pick<RunFacts, 'loopHeldMs' | 'waitedBehindLoop'> {
  const hasLoop = hasEventLoop(doc.scenario.server.model) && doc.lanes.some((l) => l.kind === 'loop');
  if (!hasLoop) return { loopHeldMs: null, waitedBehindLoop: 0 };
  // Each process's loop apart (uvicorn --workers): a request waits only behind its own loop, and
  // the time held is summed over the loops.
  const holds = new Map<number, [Micros, Micros][]>();
  for (const e of perRequest.values()) {
    if (e.loopProcess === undefined) continue;
    const list = holds.get(e.loopProcess) ?? [];
    list.push(...e.loopHold);
    holds.set(e.loopProcess, list);
  }
  const loops = new Map([...holds].map(([process, list]) => [process, new IntervalSet(list)]));
  let waited = 0;
  for (const r of doc.requests) {
    const mine = perRequest.get(r.id);
    // With one loop every request is its (a `def` view's request too, with no span on the loop).
    const loop = loops.size === 1 ? [...loops.values()][0] : loops.get(mine?.loopProcess ?? -1);
    if (!loop) continue;
    const [a, b] = flightWindow(r);
    const own = new IntervalSet(mine?.loopHold ?? []);
    // Blocked by someone else while this request was in flight (half a millisecond counts).
    if (loop.within(a, b) - own.within(a, b) >= 500) waited++;
  }
  const total = [...loops.values()].reduce((sum, l) => sum + l.total, 0);
  return { loopHeldMs: total / 1000, waitedBehindLoop: waited };
}

function timeFacts(
  doc: Doc,
  perRequest: Map<number, RequestSpans>,
  loopHeld: boolean,
): Pick<RunFacts, 'shares' | 'idleShare'> {
  const done = doc.requests.filter((r) => r.received !== null);
  let latency = 0;
  for (const r of done) latency += (r.received as number) - r.intended;
  if (latency <= 0) return { shares: [], idleShare: null };
  const doneIds = new Set(done.map((r) => r.id));
  const perPhase = new Map<number, number>();
  const { spans } = doc;
  for (let i = 0; i < spans.length; i += SPAN_STRIDE) {
    if (!doneIds.has(spans[i + SpanField.req])) continue;
    const phase = spans[i + SpanField.phase];
    perPhase.set(phase, (perPhase.get(phase) ?? 0) + spans[i + SpanField.end] - spans[i + SpanField.start]);
  }
  const shares = WAIT_PHASES.map(({ id, words }) => ({
    id,
    words,
    share: Math.min(1, (perPhase.get(PHASES.findIndex((p) => p.id === id)) ?? 0) / latency),
  }))
    .filter((p) => p.share >= 0.05)
    .sort((a, b) => b.share - a.share)
    .slice(0, 3);
  if (!loopHeld) return { shares, idleShare: null };
  // Time inside no span of its own: on the async server, waiting for the loop to get to it.
  let idle = 0;
  for (const r of done) {
    const own = new IntervalSet(perRequest.get(r.id)?.all ?? []);
    const [a, b] = flightWindow(r);
    idle += Math.max(0, b - a - own.within(a, b));
  }
  return { shares, idleShare: idle / latency };
}

function busyAtOnce(doc: Doc): number {
  const steps: [number, number][] = [];
  for (const list of busyIntervalsByLane(doc).values()) for (const [s, e] of list) steps.push([s, 1], [e, -1]);
  steps.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, d] of steps) peak = Math.max(peak, (now += d));
  return peak;
}

function errorKinds(doc: Doc): Pick<RunFacts, 'errorKinds' | 'moreErrorKinds'> {
  const kinds = new Map<string, number>();
  for (const r of doc.requests.filter(isError)) {
    const kind = r.error
      ? r.error.length > 60
        ? `${r.error.slice(0, 60)}…`
        : r.error
      : r.status
        ? `HTTP ${r.status}`
        : 'no response';
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const sorted = [...kinds].sort((a, b) => b[1] - a[1]);
  return { errorKinds: sorted.slice(0, 4), moreErrorKinds: sorted.length > 4 };
}

function countSpans(doc: Doc, phase: PhaseCode): number {
  let n = 0;
  for (let i = SpanField.phase; i < doc.spans.length; i += SPAN_STRIDE) if (doc.spans[i] === phase) n++;
  return n;
}

/** Everything the run's sentences say that its summary does not. */
export function runFacts(doc: Doc): RunFacts {
  const loopLanes = new Map(doc.lanes.filter((l) => l.kind === 'loop').map((l) => [l.id, l.process]));
  const perRequest = byRequest(doc, loopLanes);
  const loop = loopFacts(doc, perRequest);
  // Under a millisecond in all, the loop counts as never held (see explain-run.ts).
  const held = loop.loopHeldMs !== null && loop.loopHeldMs >= 1;
  return {
    ...loop,
    ...timeFacts(doc, perRequest, held),
    busyAtOnce: busyAtOnce(doc),
    ...errorKinds(doc),
    connectionsOpened: countSpans(doc, Phase.connect),
    connectionsRefused: doc.requests.filter((r) => isTooManyClients(r.error)).length,
  };
}

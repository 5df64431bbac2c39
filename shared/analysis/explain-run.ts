/**
 * What the execution model did, in sentences computed from the trace: "The event loop was
 * blocked for 900 ms in all (longest 100 ms); 9 requests waited behind it", "Requests spent 62%
 * of their time queued for a worker". Shown in the HTML report and beside the timeline.
 *
 * Shares are of the requests' total latency, summed over completed requests. Spans of one
 * request can overlap (gathered awaits), so a share is capped at 100% rather than pretending
 * to be exact about concurrency inside a request.
 */
import type { RunDocument } from '../run.ts';
import { PHASES, SPAN_STRIDE, SpanField, type Micros, type PhaseId, type RequestRecord } from '../trace.ts';
import { busyIntervalsByLane } from './busy-threads.ts';
import { formatMs, formatPercent, plural } from './format.ts';
import { computeSummary, isError } from './summary.ts';
import { describeUrlTarget, urlTargetOf } from '../url-target.ts';

type Doc = Pick<RunDocument, 'scenario' | 'lanes' | 'spans' | 'requests' | 'loop' | 'info'>;

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
}

function byRequest(doc: Doc, loopLanes: Set<number>): Map<number, RequestSpans> {
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
    if (phase.holds && phase.id !== 'running' && loopLanes.has(spans[i + SpanField.lane]))
      entry.loopHold.push(interval);
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

function loopSentences(doc: Doc, perRequest: Map<number, RequestSpans>): string[] {
  const blocks = [...perRequest.values()].flatMap((e) => e.loopHold);
  const loop = new IntervalSet(blocks);
  if (loop.total < 1000)
    return ['No request held the event loop for as much as a millisecond in all: every wait gave it back.'];
  let longest = 0;
  for (const [s, e] of blocks) longest = Math.max(longest, e - s);
  let waited = 0;
  for (const r of doc.requests) {
    const [a, b] = flightWindow(r);
    const own = new IntervalSet(perRequest.get(r.id)?.loopHold ?? []);
    // Blocked by someone else while this request was in flight (half a millisecond counts).
    if (loop.within(a, b) - own.within(a, b) >= 500) waited++;
  }
  const who = waited > 0 ? `; ${plural(waited, 'request')} waited behind it` : '';
  return [
    `The event loop was blocked for ${formatMs(loop.total / 1000)} in all (longest ${formatMs(longest / 1000)})${who}.`,
  ];
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
];

function shareSentences(
  doc: Doc,
  perRequest: Map<number, RequestSpans>,
  asyncServer: boolean,
  loopBlocked: boolean,
): string[] {
  const done = doc.requests.filter((r) => r.received !== null);
  let latency = 0;
  for (const r of done) latency += (r.received as number) - r.intended;
  if (latency <= 0) return [];
  const doneIds = new Set(done.map((r) => r.id));
  const perPhase = new Map<number, number>();
  const { spans } = doc;
  for (let i = 0; i < spans.length; i += SPAN_STRIDE) {
    if (!doneIds.has(spans[i + SpanField.req])) continue;
    const phase = spans[i + SpanField.phase];
    perPhase.set(phase, (perPhase.get(phase) ?? 0) + spans[i + SpanField.end] - spans[i + SpanField.start]);
  }
  const parts = WAIT_PHASES.map(({ id, words }) => ({
    words,
    share: Math.min(1, (perPhase.get(PHASES.findIndex((p) => p.id === id)) ?? 0) / latency),
  }))
    .filter((p) => p.share >= 0.05)
    .sort((a, b) => b.share - a.share)
    .slice(0, 3);
  const out: string[] = [];
  if (parts.length) {
    const [first, ...rest] = parts.map(
      (p, i) => `${formatPercent(p.share)}${i === 0 ? ' of their time' : ''} ${p.words}`,
    );
    const tail = rest.length
      ? `${rest.length > 1 ? ', ' + rest.slice(0, -1).join(', ') : ''} and ${rest[rest.length - 1]}`
      : '';
    out.push(`Requests spent ${first}${tail}.`);
  }
  if (asyncServer && loopBlocked) {
    // Time inside no span of its own: on the async server, waiting for the loop to get to it.
    let idle = 0;
    for (const r of done) {
      const own = new IntervalSet(perRequest.get(r.id)?.all ?? []);
      const [a, b] = flightWindow(r);
      idle += Math.max(0, b - a - own.within(a, b));
    }
    if (idle / latency >= 0.1)
      out.push(
        `For ${formatPercent(idle / latency)} of their time no step of theirs ran: they were waiting for the blocked loop to get to them.`,
      );
  }
  return out;
}

function threadSentence(doc: Doc): string | null {
  const busy = busyIntervalsByLane(doc);
  if (busy.size === 0) return null;
  const steps: [number, number][] = [];
  for (const list of busy.values()) for (const [s, e] of list) steps.push([s, 1], [e, -1]);
  steps.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, d] of steps) peak = Math.max(peak, (now += d));
  return `${plural(busy.size, 'thread')} did the work; at most ${peak} ${peak === 1 ? 'was' : 'were'} busy at once.`;
}

function errorSentence(doc: Doc): string | null {
  const failed = doc.requests.filter(isError);
  if (failed.length === 0) return null;
  const kinds = new Map<string, number>();
  for (const r of failed) {
    const kind = r.error
      ? r.error.length > 60
        ? `${r.error.slice(0, 60)}…`
        : r.error
      : r.status
        ? `HTTP ${r.status}`
        : 'no response';
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const list = [...kinds]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, n]) => `${k} (${n})`);
  return `${failed.length} of ${plural(doc.requests.length, 'request')} failed: ${list.join(', ')}${kinds.size > 4 ? ', …' : ''}.`;
}

/** Plain sentences about what happened in the run. */
export function explainRun(doc: Doc): string[] {
  const loopLanes = new Set(doc.lanes.filter((l) => l.kind === 'loop').map((l) => l.id));
  const perRequest = byRequest(doc, loopLanes);
  const asyncServer = doc.scenario.server.model === 'async';
  const out: string[] = [];
  if (doc.requests.length === 0) return ['The run recorded no requests.'];
  const url = urlTargetOf(doc.scenario);
  if (url) {
    out.push(
      `The load went to ${describeUrlTarget(url)}, your own server: each latency is what the client saw, from the request's intended send.`,
    );
  }
  let loopBlocked = false;
  if (asyncServer && loopLanes.size > 0) {
    const sentences = loopSentences(doc, perRequest);
    loopBlocked = !sentences[0].startsWith('No request held');
    out.push(...sentences);
  }
  out.push(...shareSentences(doc, perRequest, asyncServer, loopBlocked));
  const threads = threadSentence(doc);
  if (threads) out.push(threads);
  if (doc.scenario.load.model === 'open') {
    const lag = computeSummary(doc).sendLagP99Ms;
    out.push(
      lag < 1
        ? 'The load generator kept its schedule (p99 send lag under a millisecond).'
        : `Sends left up to ${formatMs(lag)} late (p99); latency counts from the intended send, so that wait is included.`,
    );
  }
  const errors = errorSentence(doc);
  if (errors) out.push(errors);
  if (doc.info.status === 'interrupted')
    out.push('The run was interrupted: these are the requests recorded before it stopped.');
  if (doc.info.status === 'stopped') out.push('The run was stopped early by hand.');
  return out;
}

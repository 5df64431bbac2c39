/**
 * The Chrome Trace Event Format export, for Perfetto and chrome://tracing.
 *
 * Layout: each server process is a pid (the async server is one process; each sync worker its
 * own), the clients another; each lane a tid, named by `M` metadata events. A thread's work is
 * `X` slices (the spans that hold it, nested as recorded). Requests overlap, so each is an async
 * `b`/`e` pair on its client connection, id = request id, with its waits (queued, awaiting,
 * offloaded…) nested inside; a wait that would break the nesting (two gathered awaits that
 * overlap without one containing the other) goes to a sibling id `17:1`. Counters (`C`) carry
 * requests in flight and event-loop delay; a flow (`s` → `f`) links each request's client slice
 * to the first server thread that ran it. Times are microseconds, as the format wants.
 */
import type { RunDocument } from '../run.ts';
import { endpointLabel } from '../imported-run.ts';
import { PHASES, SPAN_STRIDE, SpanField, type Lane, type RequestRecord } from '../trace.ts';
import { hasEventLoop } from '../scenario.ts';

/** One event of the format (the fields this export uses). */
export interface TraceEvent {
  name: string;
  ph: 'M' | 'X' | 'b' | 'e' | 'C' | 's' | 'f';
  ts: number;
  pid: number;
  tid: number;
  cat?: string;
  dur?: number;
  id?: string;
  bp?: 'e';
  args?: Record<string, string | number | null>;
}

export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  metadata: Record<string, string | number | null>;
}

/** Clients are pid 1; server process p (0 for the async server, 1..W for sync workers) is pid p + 2. */
function pidOf(lane: Pick<Lane, 'process'>): number {
  return lane.process < 0 ? 1 : lane.process + 2;
}

const us = (t: number) => Math.round(t * 1000) / 1000;

function processName(process: number, doc: RunDocument): string {
  if (process < 0) return 'clients (load generator)';
  if (hasEventLoop(doc.scenario.server.model))
    return process === 0 ? 'server (ASGI: one event loop + executor)' : `server process ${process}`;
  return process === 0 ? 'server (master)' : `sync worker ${process} (WSGI process)`;
}

function metadataEvents(doc: RunDocument): TraceEvent[] {
  const events: TraceEvent[] = [];
  const processes = [...new Set(doc.lanes.map((l) => l.process))].sort((a, b) => a - b);
  for (const p of processes) {
    const pid = pidOf({ process: p });
    events.push({ name: 'process_name', ph: 'M', ts: 0, pid, tid: 0, args: { name: processName(p, doc) } });
    // Servers first, clients last.
    events.push({
      name: 'process_sort_index',
      ph: 'M',
      ts: 0,
      pid,
      tid: 0,
      args: { sort_index: p < 0 ? 1_000_000 : p },
    });
  }
  for (const lane of doc.lanes) {
    const pid = pidOf(lane);
    events.push({ name: 'thread_name', ph: 'M', ts: 0, pid, tid: lane.id, args: { name: lane.name } });
    events.push({ name: 'thread_sort_index', ph: 'M', ts: 0, pid, tid: lane.id, args: { sort_index: lane.id } });
  }
  return events;
}

interface SpanRef {
  lane: number;
  phase: number;
  start: number;
  end: number;
}

/** Spans of each request, in start order (longest first on ties, so parents precede children). */
function spansByRequest(spans: ArrayLike<number>): Map<number, SpanRef[]> {
  const out = new Map<number, SpanRef[]>();
  for (let i = 0; i < spans.length; i += SPAN_STRIDE) {
    const req = spans[i + SpanField.req];
    let list = out.get(req);
    if (!list) out.set(req, (list = []));
    list.push({
      lane: spans[i + SpanField.lane],
      phase: spans[i + SpanField.phase],
      start: spans[i + SpanField.start],
      end: spans[i + SpanField.end],
    });
  }
  for (const list of out.values()) list.sort((a, b) => a.start - b.start || b.end - a.end);
  return out;
}

function requestEnd(r: RequestRecord): number {
  return r.received ?? Math.max(r.sent, r.accepted ?? 0, r.responded ?? 0);
}

interface OpenSlice {
  start: number;
  end: number;
  name: string;
}

/** One id's stack of open async slices. */
interface AsyncTrack {
  id: string;
  open: OpenSlice[];
}

/**
 * Append the request's async slice and its non-holding phases nested inside, on its client
 * connection. Written without spreads or closures per event: a 100,000-request run makes more
 * than a million events here.
 */
function requestEvents(
  events: TraceEvent[],
  r: RequestRecord,
  endpoint: string,
  spans: readonly SpanRef[],
  pid: number,
): void {
  const tid = r.conn;
  const rootId = String(r.id);
  const title = `${endpoint} #${r.id}`;
  events.push({
    name: title,
    cat: 'request',
    ph: 'b',
    id: rootId,
    ts: us(r.intended),
    pid,
    tid,
    args: {
      request: r.id,
      endpoint,
      status: r.status,
      error: r.error,
      latency_ms: r.received === null ? null : (r.received - r.intended) / 1000,
    },
  });
  // Each track is a stack of open slices; a wait joins the first track it nests in.
  const tracks: AsyncTrack[] = [{ id: rootId, open: [{ start: r.intended, end: requestEnd(r), name: title }] }];
  const close = (track: AsyncTrack, until: number) => {
    const open = track.open;
    while (open.length && open[open.length - 1].end <= until) {
      const top = open.pop() as OpenSlice;
      events.push({ name: top.name, cat: 'request', ph: 'e', id: track.id, ts: us(top.end), pid, tid });
    }
  };
  for (const s of spans) {
    const phase = PHASES[s.phase];
    if (phase.holds || phase.id === 'client') continue;
    let track: AsyncTrack | undefined;
    for (let k = 0; k < tracks.length && !track; k++) {
      const t = tracks[k];
      close(t, s.start);
      const top = t.open[t.open.length - 1];
      const nests = top !== undefined && top.start <= s.start && top.end >= s.end;
      // The request's own id only holds what fits inside the request.
      if (k === 0 ? nests : top === undefined || nests) track = t;
    }
    if (!track) tracks.push((track = { id: `${r.id}:${tracks.length}`, open: [] }));
    events.push({
      name: phase.label,
      cat: 'request',
      ph: 'b',
      id: track.id,
      ts: us(s.start),
      pid,
      tid,
      args: { phase: phase.id },
    });
    track.open.push({ start: s.start, end: s.end, name: phase.label });
  }
  for (const t of tracks) close(t, Infinity);
}

/** Build the trace object. */
export function runToChromeTrace(doc: RunDocument): ChromeTrace {
  const lanes = new Map(doc.lanes.map((l) => [l.id, l]));
  const endpointName = (r: RequestRecord) => endpointLabel(doc.scenario, r.endpoint) ?? `endpoint ${r.endpoint}`;
  const requests = new Map(doc.requests.map((r) => [r.id, r]));
  const events = metadataEvents(doc);

  // Thread work: every holding span as a complete slice on its lane.
  const { spans } = doc;
  for (let i = 0; i < spans.length; i += SPAN_STRIDE) {
    const phase = PHASES[spans[i + SpanField.phase]];
    const lane = lanes.get(spans[i + SpanField.lane]);
    if (!phase.holds || !lane) continue;
    const req = spans[i + SpanField.req];
    const r = requests.get(req);
    const start = spans[i + SpanField.start];
    events.push({
      name: phase.label,
      cat: phase.id,
      ph: 'X',
      ts: us(start),
      dur: us(spans[i + SpanField.end] - start),
      pid: pidOf(lane),
      tid: lane.id,
      args: { request: req, endpoint: r ? endpointName(r) : null },
    });
  }

  const byRequest = spansByRequest(spans);
  const lastEndOnConn = new Map<number, number>();
  const inFlightSteps: [number, number][] = [];
  for (const r of [...doc.requests].sort((a, b) => a.sent - b.sent)) {
    const endpoint = endpointName(r);
    const own = byRequest.get(r.id) ?? [];
    const conn = lanes.get(r.conn);
    const pid = conn ? pidOf(conn) : 1;
    requestEvents(events, r, endpoint, own, pid);
    // A complete slice on the connection gives the flow's start something to bind to
    // (connections carry one request at a time; skip any that would overlap).
    const end = requestEnd(r);
    if ((lastEndOnConn.get(r.conn) ?? -Infinity) <= r.sent) {
      events.push({
        name: `${endpoint} #${r.id}`,
        cat: 'client',
        ph: 'X',
        ts: us(r.sent),
        dur: us(end - r.sent),
        pid,
        tid: r.conn,
        args: { request: r.id, endpoint },
      });
      lastEndOnConn.set(r.conn, end);
    }
    const first = own.find((s) => PHASES[s.phase].holds && lanes.get(s.lane)?.kind !== 'client');
    const server = first && lanes.get(first.lane);
    if (first && server) {
      events.push({ name: 'request', cat: 'flow', ph: 's', id: String(r.id), ts: us(r.sent), pid, tid: r.conn });
      events.push({
        name: 'request',
        cat: 'flow',
        ph: 'f',
        bp: 'e',
        id: String(r.id),
        ts: us(first.start),
        pid: pidOf(server),
        tid: server.id,
      });
    }
    inFlightSteps.push([r.sent, 1]);
    if (r.received !== null) inFlightSteps.push([r.received, -1]);
  }

  // Counters: requests in flight (client side) and event-loop delay (on the server process).
  inFlightSteps.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let inFlight = 0;
  for (let i = 0; i < inFlightSteps.length; i++) {
    inFlight += inFlightSteps[i][1];
    if (i + 1 < inFlightSteps.length && inFlightSteps[i + 1][0] === inFlightSteps[i][0]) continue;
    events.push({
      name: 'requests in flight',
      ph: 'C',
      ts: us(inFlightSteps[i][0]),
      pid: 1,
      tid: 0,
      args: { 'in flight': inFlight },
    });
  }
  const loopLane = doc.lanes.find((l) => l.kind === 'loop');
  const loopPid = loopLane ? pidOf(loopLane) : 2;
  for (const s of doc.loop)
    events.push({
      name: 'event-loop delay (ms)',
      ph: 'C',
      ts: us(s.t),
      pid: loopPid,
      tid: 0,
      args: { delay: s.delayMs },
    });

  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    metadata: {
      source: 'Interleave',
      'run-id': doc.info.id,
      'run-name': doc.info.name,
      scenario: doc.scenario.name,
      'created-at': doc.info.createdAt,
      status: doc.info.status,
    },
  };
}

/** The trace as JSON text. */
export function renderChromeTrace(doc: RunDocument): string {
  return [...chromeTraceJsonChunks(doc)].join('');
}

/**
 * The same JSON text in pieces of about `eventsPerChunk` events, for hosts that write a file
 * as they go: a million-request run makes a trace larger than the longest string JavaScript
 * can hold, but not larger than a file.
 */
export function* chromeTraceJsonChunks(doc: RunDocument, eventsPerChunk = 20_000): Generator<string> {
  const trace = runToChromeTrace(doc);
  const events = trace.traceEvents;
  yield '{"traceEvents":[';
  for (let i = 0; i < events.length; i += eventsPerChunk) {
    // One stringify per chunk, brackets dropped: far faster than one per event.
    yield (i > 0 ? ',' : '') + JSON.stringify(events.slice(i, i + eventsPerChunk)).slice(1, -1);
  }
  yield `],"displayTimeUnit":${JSON.stringify(trace.displayTimeUnit)},"metadata":${JSON.stringify(trace.metadata)}}`;
}

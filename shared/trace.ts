/**
 * The trace model: what a run recorded, shared by the engine, the store, the bridge, the
 * renderer and the exports.
 *
 * Time is microseconds since the run's origin on one monotonic clock that every thread stamps.
 * Spans travel packed (five numbers each, see SPAN_STRIDE) so that a thread sends one array per
 * tick instead of one message per event; the renderer keeps them packed too.
 */

import type { ServerTimingMetric } from './server-timing.ts';

/** Microseconds since the run's origin. */
export type Micros = number & { readonly __unit?: 'µs' };
/** Milliseconds, for people. */
export type Millis = number & { readonly __unit?: 'ms' };

/**
 * What a request was doing during a span. Numeric so spans pack into number arrays.
 * "Holds" says whether the span occupies its lane's thread (drawn in the lanes view) or is a
 * wait that leaves the thread free (drawn only in the requests view).
 */
export const PHASES = [
  { code: 0, id: 'queued', label: 'queued for a worker', holds: false },
  { code: 1, id: 'running', label: 'running on a thread', holds: true },
  { code: 2, id: 'await', label: 'awaiting (thread free)', holds: false },
  { code: 3, id: 'block', label: 'blocked (thread held)', holds: true },
  { code: 4, id: 'cpu', label: 'cpu (holding the interpreter lock)', holds: true },
  { code: 5, id: 'gil', label: 'waiting for the interpreter lock', holds: true },
  { code: 6, id: 'db', label: 'db query', holds: true },
  { code: 7, id: 'upstream', label: 'upstream call, awaited', holds: false },
  { code: 8, id: 'upstream-block', label: 'upstream call, blocking', holds: true },
  { code: 9, id: 'exec-queue', label: 'queued for the executor', holds: false },
  { code: 10, id: 'offload', label: 'awaiting offloaded work', holds: false },
  { code: 11, id: 'client', label: 'client: sent → received', holds: false },
  { code: 12, id: 'connect', label: 'opening a db connection', holds: true },
  { code: 13, id: 'pool-wait', label: 'waiting for a pooled db connection', holds: true },
  { code: 14, id: 'closing', label: 'closing the connection (waiting for the client)', holds: true },
  { code: 15, id: 'framework', label: "the server's and Django's own Python (holding the lock)", holds: true },
] as const;

export type PhaseId = (typeof PHASES)[number]['id'];
export type PhaseCode = (typeof PHASES)[number]['code'];

/** Phase code by id, for writing spans without magic numbers. */
export const Phase = Object.fromEntries(PHASES.map((p) => [p.id, p.code])) as {
  [K in PhaseId]: Extract<(typeof PHASES)[number], { id: K }>['code'];
};

/** Phase ids by code. */
export const PHASE_IDS: readonly PhaseId[] = PHASES.map((p) => p.id);

/** Numbers per packed span: request id, lane id, phase code, start µs, end µs. */
export const SPAN_STRIDE = 5;
export const SpanField = { req: 0, lane: 1, phase: 2, start: 3, end: 4 } as const;

/** One span, unpacked (for exports and tests; hot paths read the packed array). */
export interface Span {
  req: number;
  lane: number;
  phase: PhaseCode;
  start: Micros;
  end: Micros;
}

export type LaneKind = 'loop' | 'worker' | 'executor' | 'client';

/** A thread (or a client connection) that work can occupy: one row of the lanes view. */
export interface Lane {
  id: number;
  name: string;
  kind: LaneKind;
  /** Which server process it belongs to: 0 for the async server, 1..W for sync workers, -1 for clients. */
  process: number;
}

/** A client connection's lane name: "client 1" for connection 0. */
export const clientLaneName = (conn: number): string => `client ${conn + 1}`;

/** The connection number (from 0) a client lane stands for; null for any other lane. */
export function connectionOfClientLane(lane: Lane): number | null {
  const match = lane.kind === 'client' ? /^client (\d+)$/.exec(lane.name) : null;
  return match ? Number(match[1]) - 1 : null;
}

/** One request, as the client and the server saw it. Times are null when that point was never reached. */
export interface RequestRecord {
  id: number;
  endpoint: number;
  /** When the load generator meant to send it (open model); equals `sent` in the closed model. */
  intended: Micros;
  sent: Micros;
  /** Server read the request's headers. */
  accepted: Micros | null;
  /** Server finished writing the response. */
  responded: Micros | null;
  received: Micros | null;
  /** HTTP status, or 0 when no response came. */
  status: number;
  error: string | null;
  /** Lane of the client connection that carried it. */
  conn: number;
  /**
   * The client's phases, as instants on the run's clock (see shared/client-phases.ts). Absent
   * when not measured: runs recorded before they were, or a point the request never reached.
   * A request that reused an open keep-alive connection has no connectStart; only https has tlsEnd.
   */
  connectStart?: Micros;
  /** The TCP connection was up. */
  connectEnd?: Micros;
  /** The TLS handshake was done (https only). */
  tlsEnd?: Micros;
  /** A connection was the request's: writing it began. */
  requestStart?: Micros;
  /** The request (headers and body) was handed to the socket. */
  requestEnd?: Micros;
  /** The response's first byte was read. */
  firstByte?: Micros;
  /**
   * The response's ordinary Server-Timing metrics, in header order, bounded (see
   * keptServerTiming); absent when it had none. The probe's `interleave-…` metrics are not
   * here: they became spans.
   */
  serverTiming?: ServerTimingMetric[];
  /** How many metrics the response carried beyond those kept; absent when none were dropped. */
  serverTimingDropped?: number;
}

/** Latency of a request as the user of the open model sees it: from the intended send. */
export function latencyMicros(r: RequestRecord): Micros | null {
  return r.received === null ? null : r.received - r.intended;
}

/** A loop-delay sample: how late a 10 ms timer on the server loop fired. */
export interface LoopSample {
  t: Micros;
  delayMs: Millis;
}

/** The numbers a run ends with. */
export interface RunSummary {
  requests: number;
  /** Requests that got no response, or a status of 400 or more. */
  errors: number;
  /** errors / requests (0..1), the failures kept apart from throughput; 0 for no requests. */
  errorRate: number;
  makespanMs: Millis;
  /**
   * Successful responses (status below 400) a second over the makespan; failed ones are in
   * `errorRate`, not here. Runs stored before errorRate existed are upgraded to this meaning.
   */
  throughputRps: number;
  p50Ms: Millis;
  p95Ms: Millis;
  p99Ms: Millis;
  maxMs: Millis;
  meanMs: Millis;
  maxLoopBlockMs: Millis;
  /**
   * Server threads that served at least one request: the event loop of the async server once
   * any request reached it (it reads and answers every request, recorded span or not), plus
   * each executor thread and sync worker that recorded a span. Client connections never count;
   * threads started but never given work do not either (a pool of 8 serving 2 requests uses 2).
   */
  threadsUsed: number;
  /** Open model: p99 of how late sends left compared with their intended time. */
  sendLagP99Ms: Millis;
}

/** A slice of a run as it streams: new lanes, spans, finished requests and loop samples. */
export interface TraceBatch {
  lanes: Lane[];
  /** Packed spans, SPAN_STRIDE numbers each. */
  spans: number[];
  requests: RequestRecord[];
  loop: LoopSample[];
}

export type RunStatus = 'running' | 'complete' | 'stopped' | 'interrupted' | 'failed';

/** Progress of a live run. */
export interface RunProgress {
  done: number;
  /** Known for request-count runs. */
  total: number | null;
  elapsedMs: Millis;
  /** Duration runs: the planned length. */
  plannedMs: Millis | null;
  /** Starting threads (outside the measured window), sending load, or collecting the last records. */
  phase?: 'starting' | 'running' | 'finishing';
  /**
   * While starting: the run's threads that have said Ready, of all it starts, and how many of
   * them the app had started ahead of the run (spare threads, ready at once).
   */
  threads?: { ready: number; total: number; warm?: number };
  /** Requests sent and not yet answered, as the load generator last said (every 50 ms). */
  inFlight?: number;
}

/**
 * A run's shape: what overlapped, on how many threads. Two runs have the same shape when the same
 * number of requests were in service at once and the same number of threads were held at once;
 * this is what "the model is faithful" means before any latency is compared.
 *
 * - requests in service at once: the peak count of requests between their first and last server
 *   span, waits for a worker or the executor left out (a gunicorn worker's queue is the kernel's
 *   accept queue, which no server can stamp, so neither side counts queueing);
 * - threads held at once: the peak count of server lanes inside a span that holds its thread
 *   (PHASES[].holds: blocked, cpu, db, running…; awaiting holds nothing).
 * - connections opened: `connect` spans, where the run models connections. Which thread opens
 *   one and when Django closes it is the behaviour compared, so the count is part of the shape
 *   (faithfulness.ts leaves it out when a side refused some: how many retries fit then is timing).
 * Peaks are sweep-line counts over span ends, ends before starts at equal times (touching is not
 * overlapping).
 *
 * A request whose gunicorn worker the arbiter aborted is left out of both sides: real Django's
 * probe dies with the worker and stamps nothing, so only the model could draw it. So is the
 * server's and Django's own Python around each view (the `framework` phase): the probe runs
 * inside it and cannot stamp it, so a loop doing only that holds no thread on either side.
 */
import {
  PHASES,
  Phase,
  SPAN_STRIDE,
  SpanField,
  connectionOfClientLane,
  type Lane,
  type RequestRecord,
} from '../trace.ts';
import { isWorkerTimeout } from '../worker-timeout.ts';

export interface RunShape {
  requestsAtOnce: number;
  threadsAtOnce: number;
  /** Database connections opened (one `connect` span each), when the run opened any. */
  connections?: number;
}

/** Phases no shape counts: the waits for a worker or the executor, the client's, the framework's Python. */
const LEFT_OUT: ReadonlySet<number> = new Set([Phase.queued, Phase['exec-queue'], Phase.client, Phase.framework]);

/** Peak number of intervals open at once; ends sort before starts at the same time. */
export function peakOverlap(intervals: readonly (readonly [number, number])[]): number {
  const events: [number, number][] = [];
  for (const [start, end] of intervals) if (end > start) events.push([start, 1], [end, -1]);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let peak = 0;
  for (const [, delta] of events) peak = Math.max(peak, (open += delta));
  return peak;
}

/** What runShapeOf reads of a run. */
export interface ShapedRun {
  lanes: readonly Lane[];
  spans: ArrayLike<number>;
  requests: readonly { id: number; error: string | null }[];
}

/** A run's shape, its requests whose workers were aborted (WORKER TIMEOUT) left out. */
export function runShapeOf(run: ShapedRun): RunShape {
  const aborted = new Set(run.requests.filter((r) => isWorkerTimeout(r.error)).map((r) => r.id));
  return runShape(run.lanes, run.spans, aborted);
}

export function runShape(
  lanes: readonly Lane[],
  spans: ArrayLike<number>,
  leftOut: ReadonlySet<number> = new Set(),
): RunShape {
  const server = new Set(lanes.filter((l) => l.kind !== 'client').map((l) => l.id));
  const perRequest = new Map<number, [number, number]>();
  const perLane = new Map<number, [number, number][]>();
  let connections = 0;
  for (let i = 0; i < spans.length; i += SPAN_STRIDE) {
    const lane = spans[i + SpanField.lane];
    const phase = spans[i + SpanField.phase];
    const req = spans[i + SpanField.req];
    if (!server.has(lane) || LEFT_OUT.has(phase) || leftOut.has(req)) continue;
    if (phase === Phase.connect) connections++;
    const [start, end] = [spans[i + SpanField.start], spans[i + SpanField.end]];
    const known = perRequest.get(req);
    perRequest.set(req, known ? [Math.min(known[0], start), Math.max(known[1], end)] : [start, end]);
    if (PHASES[phase]?.holds) {
      const list = perLane.get(lane) ?? [];
      list.push([start, end]);
      perLane.set(lane, list);
    }
  }
  // A lane holds its thread from the start to the end of each holding span; nested spans on one
  // lane (a `running` view around its `block` steps) must count once, so merge per lane first.
  const held = [...perLane.values()].flatMap(mergeIntervals);
  const shape: RunShape = { requestsAtOnce: peakOverlap([...perRequest.values()]), threadsAtOnce: peakOverlap(held) };
  if (connections > 0) shape.connections = connections;
  return shape;
}

/** Union of intervals, as disjoint intervals. */
function mergeIntervals(list: [number, number][]): [number, number][] {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** "10 at once on 1 thread", and ", 30 connections opened" when the run opened any. */
export const shapeText = (s: RunShape) =>
  `${s.requestsAtOnce} at once on ${s.threadsAtOnce} thread${s.threadsAtOnce === 1 ? '' : 's'}` +
  (s.connections ? `, ${s.connections} connection${s.connections === 1 ? '' : 's'} opened` : '');

/**
 * Each request's server process: that of its first span on an event-loop or executor lane.
 * Requests with no such span (sync workers' lanes, refused requests) are absent.
 */
function requestProcesses(lanes: readonly Lane[], spans: ArrayLike<number>): Map<number, number> {
  const processOf = new Map(
    lanes.filter((l) => l.kind === 'loop' || l.kind === 'executor').map((l) => [l.id, l.process]),
  );
  const first = new Map<number, [start: number, process: number]>();
  for (let i = 0; i < spans.length; i += SPAN_STRIDE) {
    const process = processOf.get(spans[i + SpanField.lane]);
    if (process === undefined) continue;
    const [req, start] = [spans[i + SpanField.req], spans[i + SpanField.start]];
    const known = first.get(req);
    if (!known || start < known[0]) first.set(req, [start, process]);
  }
  return new Map([...first].map(([req, [, process]]) => [req, process]));
}

/**
 * Under several uvicorn processes: the most requests one process served. Null with fewer than
 * two processes seen.
 */
export function busiestProcessRequests(lanes: readonly Lane[], spans: ArrayLike<number>): number | null {
  const processes = requestProcesses(lanes, spans);
  const counts = new Map<number, number>();
  for (const process of processes.values()) counts.set(process, (counts.get(process) ?? 0) + 1);
  if (counts.size < 2) return null;
  return Math.max(...counts.values());
}

/**
 * Which process took each client connection (by the connection's number), as the scenario's
 * `connectionProcesses` names them: the processes numbered from 0 in the order their first
 * connection appears. A connection none of whose requests reached a process is given process 0.
 * Null when no connection reached a process.
 */
export function connectionPlacement(
  lanes: readonly Lane[],
  spans: ArrayLike<number>,
  requests: readonly Pick<RequestRecord, 'id' | 'conn'>[],
): number[] | null {
  const processes = requestProcesses(lanes, spans);
  const connOfLane = new Map(lanes.map((l) => [l.id, connectionOfClientLane(l)]));
  const placed = new Map<number, number>();
  for (const r of requests) {
    const conn = connOfLane.get(r.conn);
    const process = processes.get(r.id);
    if (conn != null && process !== undefined && !placed.has(conn)) placed.set(conn, process);
  }
  if (placed.size === 0) return null;
  const numbered = new Map<number, number>();
  const placement: number[] = [];
  for (const conn of [...placed.keys()].sort((a, b) => a - b)) {
    const process = placed.get(conn)!;
    if (!numbered.has(process)) numbered.set(process, numbered.size);
    placement[conn] = numbered.get(process)!;
  }
  return Array.from(placement, (p) => p ?? 0);
}

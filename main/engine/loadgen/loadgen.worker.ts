/**
 * The load generator, in a thread of its own so a blocked server cannot distort what the client
 * saw. Keep-alive connections (one undici Client each, one request at a time on it).
 *
 * Closed model: C virtual users, each sends, waits for the response, thinks, sends again.
 * Open model: arrivals on a schedule (constant or Poisson) whatever the server does; a request
 * that cannot leave because `maxInFlight` are out waits, and its latency still counts from its
 * intended send time (no coordinated omission). `sent - intended` is recorded as the send lag.
 *
 * A URL run (`targets`) sends each request to the origin, path, method, headers and body of the
 * entry its seeded pick chose; its warm-up and rehearsal go to a throwaway loopback server of the
 * runner's (main/url/warm-up-sink.ts), so every request the target receives is a measured one.
 * Redirects are never followed (undici's Client does not; a 3xx is the response).
 */
import { parentPort } from 'node:worker_threads';
import { clockFrom, monotonicMs } from '../clock.ts';
import type { Micros, RequestRecord } from '../../../shared/trace.ts';
import { WARM_UP_PATH, type EngineCommand, type LoadgenThreadData, type ThreadReport } from '../threads/protocol.ts';
import { interArrivalMs, seededRandom, weightedPicker } from './random.ts';
import { packRequests } from '../../../shared/packed-requests.ts';
import { parseServerTiming } from '../../../shared/server-timing.ts';
import { keptServerTiming } from '../../../shared/server-timing-kept.ts';
import { ClientTimeout, Connection, get, sendTo, type ClientSettings } from './http-client.ts';
import { isSpareThread, threadData } from '../threads/thread-data.ts';
import { EXERCISE_PARALLEL, exerciseHttp } from '../threads/http-exercise.ts';
import { claim, runOpen, type Window } from './schedule.ts';

/** A spare sends through this client's own code ahead of its run (http-exercise.ts). */
const exercised = isSpareThread();
if (exercised) await exerciseOwnClient();
const data = await threadData<LoadgenThreadData>();
const { load, targets } = data;
const now = clockFrom(data.epochMs);
const random = seededRandom(data.seed);
const pickEndpoint = weightedPicker(data.weights, random);
const clientSettings: ClientSettings = {
  now,
  timeoutMs: load.timeoutMs,
  captureServerTiming: data.captureServerTiming ?? false,
};
const post = (r: ThreadReport, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(r, transfer);
/** Unrecorded requests sent before the measured window, spread over the connections (2–20 each). */
const WARM_UP_REQUESTS = 1_000;
/**
 * Warm-up requests when this thread and the server's exercised their HTTP paths as spares, in
 * rounds of one per connection (at least one round): the connections open, and the server's own
 * request path (its handler, not Node's) runs a few times. Measured on a trivial endpoint, 10
 * users: the first 100 requests' p50 2.1–2.9 ms after 6 rounds, 1.7–2.5 ms after the full
 * warm-up; the rest ~1 ms either way. shop-mix (32 connections, two rounds, no rehearsal): its
 * first 20 requests' p50 12.5–14.7 ms, 12.2–14 on new threads, the rest 12.4–13.3 alike.
 */
const EXERCISED_REQUESTS = 60;
/** Connections the open model opens ahead of time (each ~1.4 ms to warm); more open on demand. */
const OPEN_WARM_CONNECTIONS = 128;

/** Warm-up requests carry no id: the server answers them without recording anything. */
const NO_HEADERS: string[] = [];
/** How long the open model rehearses its schedule, unrecorded, before the measured window. */
const REHEARSAL_MS = 300;

/** Where the engine's (or real Django's) server listens; for a URL run, only its warm-up sink. */
/** The server's address, or each process's (uvicorn --workers): connection i sends to serverUrls[i mod n]. */
let serverUrls: string[] = [];
let stopped = false;
let inFlight = 0;
let completed: RequestRecord[] = [];
/** With `captureServerTiming`: each completed record's Server-Timing header ('' when none), in step. */
let completedTimings: string[] = [];
const connections: Connection[] = [];
const idleConnections: number[] = [];
const measured: Window = {
  startedAt: 0,
  countLimit: load.end.kind === 'requests' ? load.end.count : Infinity,
  durationMs: load.end.kind === 'duration' ? load.end.seconds * 1000 : Infinity,
  sent: 0,
  recorded: true,
};

function connection(i: number): Connection {
  return (connections[i] ??= new Connection(serverUrls[i % serverUrls.length], clientSettings));
}

/**
 * A request's record as it leaves, nothing answered yet. A function declaration, so a spare's
 * exercise (run before the module's constants exist) builds the very records a run does.
 */
function pendingRecord(id: number, endpoint: number, intended: Micros, sent: Micros, conn: number): RequestRecord {
  return {
    id,
    endpoint,
    intended,
    sent,
    accepted: null,
    responded: null,
    received: null,
    status: 0,
    error: null,
    conn,
  };
}

/** Send request `id` on connection `conn`; resolves when it is recorded (or, rehearsing, answered). */
async function send(w: Window, id: number, conn: number, intended: Micros): Promise<void> {
  if (!w.recorded) return rehearse(conn);
  const endpoint = pickEndpoint();
  inFlight++;
  let serverTiming = '';
  const record = pendingRecord(id, endpoint, intended, now(), data.firstClientLane + conn);
  try {
    const headers = ['x-interleave-req', String(id), 'x-interleave-endpoint', String(endpoint)];
    const res = targets
      ? await sendTo(connection(conn), targets[endpoint], headers, record)
      : await get(connection(conn), `/ep/${endpoint}`, headers, record);
    record.received = now();
    record.status = res.status;
    serverTiming = res.serverTiming;
    if (serverTiming) keepServerTiming(record, serverTiming);
    if (res.status >= 400) record.error = res.body || `HTTP ${res.status}`;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    record.error = stopped
      ? 'run stopped'
      : error instanceof ClientTimeout || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT'
        ? `timed out after ${load.timeoutMs} ms`
        : (e.message ?? String(error));
  }
  inFlight--;
  completed.push(record);
  if (data.captureServerTiming) completedTimings.push(serverTiming);
  // The run's first answer is sent at once, so the live view draws it as soon as it exists.
  if (!answered) {
    answered = true;
    flush();
  }
}
let answered = false;

/** The response's ordinary metrics onto its record, bounded; the `interleave-…` ones go to the runner raw. */
function keepServerTiming(record: RequestRecord, header: string): void {
  const { metrics, dropped } = keptServerTiming(parseServerTiming(header));
  if (metrics.length === 0) return;
  record.serverTiming = metrics;
  if (dropped > 0) record.serverTimingDropped = dropped;
}

/** A rehearsal's request: the same client path, to the warm-up path, nothing kept. */
async function rehearse(conn: number): Promise<void> {
  inFlight++;
  await get(connection(conn), WARM_UP_PATH, NO_HEADERS).catch(() => {});
  inFlight--;
}

async function closedUser(w: Window, user: number): Promise<void> {
  for (let id = claim(w, now(), stopped); id !== -1; id = claim(w, now(), stopped)) {
    await send(w, id, user, now());
    if (load.thinkMs > 0 && !stopped) await new Promise((r) => setTimeout(r, load.thinkMs));
  }
}

async function runClosed(w: Window): Promise<void> {
  await Promise.all(Array.from({ length: load.concurrency }, (_, user) => closedUser(w, user)));
}

/** Arrivals on the schedule; a rehearsal draws its gaps from a random stream of its own. */
function runOpenWindow(w: Window): Promise<void> {
  return runOpen(w, {
    now,
    gap: interArrivalMs(load.rateRps, load.arrival, w.recorded ? random : seededRandom(data.seed + 1)),
    maxInFlight: load.maxInFlight,
    inFlight: () => inFlight,
    stopped: () => stopped,
    send: (id, conn, intended) => send(w, id, conn, intended),
    idle: idleConnections,
    opened: connections.length,
  });
}

const flushTimer = setInterval(flush, 50);
function flush(): void {
  const requests = packRequests(completed);
  const serverTimings = data.captureServerTiming ? completedTimings : undefined;
  completed = [];
  completedTimings = [];
  post({ type: 'requests', ...requests, serverTimings, sent: measured.sent, inFlight }, [
    requests.packed.buffer as ArrayBuffer,
  ]);
}

/**
 * Open the connections the run is likely to use and send unrecorded requests on each before the
 * measured window, so the first measured requests pay neither TCP set-up nor the JIT warming the
 * HTTP code paths (tens of ms on a busy 2-core machine). Real load tools warm up the same way.
 * In the open model a slow start snowballs: late answers make the generator open connections on
 * demand, which slows it further; at 5,000 requests/s warming only 32 connections twice left a
 * send lag p99 of 24–36 ms, all 100 and ~1,000 requests brought it to 1.4–2 ms
 * (bench/benchmarks/send-lag.ts). The open model then rehearses its schedule for REHEARSAL_MS:
 * the scheduling code itself (timers, the spin, launching and the backlog) was still being
 * compiled in the first ~300 ms, sending late by 1–6 ms. A spare rehearsed it while it waited
 * (exerciseOwnClient), so its run skips the rehearsal.
 */
async function warmUp(short: boolean): Promise<void> {
  const warmed = load.model === 'closed' ? load.concurrency : Math.min(load.maxInFlight, OPEN_WARM_CONNECTIONS);
  const requests = short ? EXERCISED_REQUESTS : WARM_UP_REQUESTS;
  const rounds = Math.min(20, Math.max(short ? 1 : 2, Math.ceil(requests / warmed)));
  for (let round = 0; round < rounds; round++) {
    await Promise.allSettled(Array.from({ length: warmed }, (_, i) => get(connection(i), WARM_UP_PATH, NO_HEADERS)));
  }
  if (load.model === 'closed') return;
  for (let i = warmed - 1; i >= 0; i--) idleConnections.push(i);
  if (exercised) return;
  const rehearsal = { startedAt: now(), countLimit: Infinity, durationMs: REHEARSAL_MS, sent: 0, recorded: false };
  await runOpenWindow(rehearsal);
}

let warming: Promise<void> = Promise.resolve();

/**
 * The calls a run makes (a Connection's GET, recorded), to a throwaway server of this thread's,
 * then the open model's schedule rehearsed against it (rehearseSchedule).
 * Runs before the module's constants below exist: it may use only imports and its own.
 */
async function exerciseOwnClient(): Promise<void> {
  const clock = clockFrom(monotonicMs());
  const settings: ClientSettings = { now: clock, timeoutMs: 10_000, captureServerTiming: false };
  const pool: Connection[] = [];
  let sent = 0;
  await exerciseHttp(
    (url) => {
      const conn = (pool[sent % EXERCISE_PARALLEL] ??= new Connection(url, settings));
      const at = clock();
      return get(conn, '/', [], pendingRecord(sent++, 0, at, at, 0));
    },
    { afterwards: (url) => rehearseSchedule(url, settings) },
  );
  await Promise.allSettled(pool.map((c) => c.close()));
}

/**
 * A spare's rehearsals of the open model's schedule, 150 ms each: fast Poisson arrivals (the
 * spin between them) and slow constant ones (the timer), as a run's would take both paths.
 */
async function rehearseSchedule(url: string, settings: ClientSettings): Promise<void> {
  const pool: Connection[] = [];
  let inFlight = 0;
  const spareRehearsals = [
    { rateRps: 2_000, arrival: 'poisson' as const },
    { rateRps: 200, arrival: 'constant' as const },
  ];
  for (const { rateRps, arrival } of spareRehearsals) {
    const rehearsal = { startedAt: settings.now(), countLimit: Infinity, durationMs: 150, sent: 0, recorded: false };
    await runOpen(rehearsal, {
      now: settings.now,
      gap: interArrivalMs(rateRps, arrival, seededRandom(rateRps)),
      maxInFlight: 32,
      inFlight: () => inFlight,
      stopped: () => false,
      send: async (_id, conn) => {
        inFlight++;
        await get((pool[conn] ??= new Connection(url, settings)), '/', []).catch(() => {});
        inFlight--;
      },
      idle: [],
      opened: 0,
    });
  }
  await Promise.allSettled(pool.map((c) => c.close()));
}

parentPort!.on('message', async (command: EngineCommand) => {
  if (command.type === 'warm-up') {
    serverUrls = command.serverUrls;
    // Short when this thread and the server's were exercised as spares: only the connections to open.
    warming = warmUp(exercised && command.serverExercised === true);
    await warming;
    post({ type: 'warmed' });
  } else if (command.type === 'start') {
    await warming;
    measured.startedAt = now();
    post({ type: 'load-started', at: measured.startedAt });
    await (load.model === 'closed' ? runClosed(measured) : runOpenWindow(measured));
    clearInterval(flushTimer);
    flush();
    await Promise.allSettled(connections.map((c) => c?.close()));
    post({ type: 'load-done', reason: stopped ? 'stopped' : 'finished' });
  } else if (command.type === 'stop') {
    stopped = true;
    await Promise.allSettled(connections.map((c) => c?.destroy()));
  } else if (command.type === 'clock') {
    post({ type: 'clock', now: now() });
  } else if (command.type === 'flush') {
    flush();
    post({ type: 'flushed' });
  }
});
post({ type: 'ready' });

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
import { Client, type Dispatcher } from 'undici';
import { clockFrom } from '../clock.ts';
import type { Micros, RequestRecord } from '../../../shared/trace.ts';
import {
  WARM_UP_PATH,
  type EngineCommand,
  type LoadgenThreadData,
  type LoadTarget,
  type ThreadReport,
} from '../threads/protocol.ts';
import { interArrivalMs, seededRandom, weightedPicker } from './random.ts';
import { packRequests } from '../../../shared/packed-requests.ts';
import { parseServerTiming } from '../../../shared/server-timing.ts';
import { keptServerTiming } from '../../../shared/server-timing-kept.ts';
import { timedConnector, type ConnectTimes } from './timed-connect.ts';
import { threadData } from '../threads/thread-data.ts';

const data = await threadData<LoadgenThreadData>();
const { load, targets } = data;
const now = clockFrom(data.epochMs);
const random = seededRandom(data.seed);
const pickEndpoint = weightedPicker(data.weights, random);
const post = (r: ThreadReport, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(r, transfer);
/** Unrecorded requests sent before the measured window, spread over the connections (2–20 each). */
const WARM_UP_REQUESTS = 1_000;
/** Connections the open model opens ahead of time (each ~1.4 ms to warm); more open on demand. */
const OPEN_WARM_CONNECTIONS = 128;

/** Warm-up requests carry no id: the server answers them without recording anything. */
const NO_HEADERS: string[] = [];
/** How long the open model rehearses its schedule, unrecorded, before the measured window. */
const REHEARSAL_MS = 300;

/** A stretch of sending: the measured run, or the unrecorded rehearsal before it. */
interface Window {
  startedAt: Micros;
  countLimit: number;
  durationMs: number;
  /** Requests claimed so far; the next request's id. */
  sent: number;
  /** A rehearsal's requests go to the warm-up path, which runs no view, and are not kept. */
  recorded: boolean;
}

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

/** Is the window over for an arrival at `at`? */
function isOver(w: Window, at: Micros): boolean {
  return stopped || w.sent >= w.countLimit || (at - w.startedAt) / 1000 >= w.durationMs;
}

/** May another request start at `at`? Claims its id if so, else returns -1. */
function claim(w: Window, at: Micros): number {
  return isOver(w, at) ? -1 : w.sent++;
}

/**
 * A keep-alive connection (one undici Client, one request at a time on it), the instants its
 * latest connecting passed (taken by the request it was made for), and the timer that
 * enforces the timeout of the request on it. undici's own headersTimeout/bodyTimeout tick on a
 * coarse clock: a 100 ms timeout fired after a second, and a request that took 300 ms counted
 * as answered. One timer per connection, re-armed with refresh() for each request, costs less
 * than a timer made and cleared per request (~2% of requests/s against a trivial endpoint).
 */
class Connection {
  /** @param serverUrl the server process this connection was accepted by (the engine's and Django's runs). */
  constructor(readonly serverUrl: string) {}

  /** One keep-alive client per origin this connection has sent to (a URL run's mix may name several). */
  private readonly clients = new Map<string, Client>();
  /** The connection's latest connecting, until the request it was made for takes it. */
  private connecting: ConnectTimes | null = null;
  private abortCurrent: ((error: Error) => void) | null = null;
  private readonly timer = setTimeout(() => this.abortCurrent?.(CLIENT_TIMEOUT), load.timeoutMs).unref();

  arm(abort: (error: Error) => void): void {
    this.abortCurrent = abort;
    this.timer.refresh();
  }

  disarm(): void {
    this.abortCurrent = null;
  }

  /** The connecting this request waited for, if it waited for one (a reused connection: null). */
  takeConnecting(): ConnectTimes | null {
    const times = this.connecting;
    this.connecting = null;
    return times;
  }

  client(origin: string): Client {
    let client = this.clients.get(origin);
    if (!client) {
      client = new Client(origin, {
        pipelining: 1,
        keepAliveTimeout: 60_000,
        headersTimeout: load.timeoutMs,
        bodyTimeout: load.timeoutMs,
        // A probe's Server-Timing header grows with the spans of a request (~90 bytes each) and the
        // loop samples it carries (~4 kB at most): past Node's default 16 kB for a 32-way gather.
        ...(data.captureServerTiming ? { maxHeaderSize: 1024 * 1024 } : {}),
        connect: timedConnector(now, (times) => (this.connecting = times)),
      });
      this.clients.set(origin, client);
    }
    return client;
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    await Promise.all([...this.clients.values()].map((c) => c.close()));
  }

  async destroy(): Promise<void> {
    clearTimeout(this.timer);
    await Promise.all([...this.clients.values()].map((c) => c.destroy()));
  }
}

function connection(i: number): Connection {
  return (connections[i] ??= new Connection(serverUrls[i % serverUrls.length]));
}

/**
 * One request through undici's dispatch API, keeping at most 200 characters of an error's body.
 * `request()` wraps every response in a body stream and a chain of promises: against a trivial
 * endpoint that cost a third of the load generator's time (17,000 against 24,000 requests/s on
 * 2 cores, bench/benchmarks/loadgen-vs-autocannon.ts).
 */
interface Answer {
  status: number;
  body: string;
  /** The response's Server-Timing headers joined with ', ' ('' when absent or not captured). */
  serverTiming: string;
}

/** Stamps the client's phases into `record` (null for unrecorded requests: warm-up, rehearsal). */
function get(conn: Connection, path: string, headers: string[], record: RequestRecord | null = null): Promise<Answer> {
  return new Promise((resolve, reject) =>
    conn
      .client(conn.serverUrl)
      .dispatch({ path, method: 'GET', headers }, new GetHandler(conn, record, resolve, reject)),
  );
}

/** A URL run's request: its own origin, method, headers and body, then the request's id and index. */
function sendTo(conn: Connection, target: LoadTarget, headers: string[], record: RequestRecord): Promise<Answer> {
  const { origin, path, method, body } = target;
  return new Promise((resolve, reject) =>
    conn
      .client(origin)
      .dispatch(
        { path, method, headers: target.headers.concat(headers), body },
        new GetHandler(conn, record, resolve, reject),
      ),
  );
}

/** A new connection's instants, onto the request that waited for it (only the points reached). */
function stampConnecting(record: RequestRecord, times: ConnectTimes): void {
  record.connectStart = times.start;
  if (times.tcp !== undefined) record.connectEnd = times.tcp;
  if (times.tls !== undefined) record.tlsEnd = times.tls;
}

/**
 * One response's callbacks, in the interface undici's HTTP/1.1 client itself calls (onConnect,
 * onHeaders, onData, onComplete, onError). undici 7 marks it deprecated in favour of
 * onRequestStart/onResponseStart…, but those are an adapter around this one that allocates a
 * controller and parses every response's headers into an object, which this client never reads:
 * 8–9% of the load generator's requests/s against a trivial endpoint. undici is pinned to major
 * 7, where both exist. A class, not an object literal of closures: five closures and an empty
 * Buffer.concat per request were another ~3%.
 *
 * The client's phases cost three clock reads a request: onConnect (the connection is the
 * request's, writing begins), onRequestSent (written), onResponseStarted (the parser met the
 * response's first byte, before its headers are read).
 */
class GetHandler implements Dispatcher.DispatchHandler {
  private status = 0;
  private body: Buffer[] | null = null;
  private bodyBytes = 0;
  private serverTiming = '';

  constructor(
    private readonly conn: Connection,
    private readonly record: RequestRecord | null,
    private readonly resolve: (response: Answer) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  onConnect(abort: (error?: Error) => void): void {
    // Taken by every request, recorded or not: a connection the warm-up opened is not the first
    // measured request's to have waited for.
    const connecting = this.conn.takeConnecting();
    const record = this.record;
    if (record) {
      if (connecting) stampConnecting(record, connecting);
      record.requestStart = now();
    }
    this.conn.arm(abort);
  }

  onRequestSent(): void {
    if (this.record) this.record.requestEnd = now();
  }

  onResponseStarted(): void {
    if (this.record) this.record.firstByte = now();
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.status = statusCode;
    if (data.captureServerTiming) this.serverTiming = serverTimingOf(rawHeaders);
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.status >= 400 && this.bodyBytes < 800) {
      (this.body ??= []).push(chunk);
      this.bodyBytes += chunk.length;
    }
    return true;
  }

  onComplete(): void {
    this.conn.disarm();
    this.resolve({
      status: this.status,
      body: this.body ? Buffer.concat(this.body).toString().slice(0, 200) : '',
      serverTiming: this.serverTiming,
    });
  }

  onError(error: Error): void {
    // A connection that failed to come up: its start (and how far it got) is this request's.
    if (this.record?.requestStart === undefined) {
      const connecting = this.conn.takeConnecting();
      if (connecting && this.record) stampConnecting(this.record, connecting);
    }
    this.conn.disarm();
    this.reject(error);
  }
}

/** Every Server-Timing header of a response (raw name/value pairs), joined as one list. */
function serverTimingOf(rawHeaders: Buffer[]): string {
  let out = '';
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    if (name.length === 13 && name.toString('latin1').toLowerCase() === 'server-timing')
      out += (out ? ', ' : '') + rawHeaders[i + 1].toString('latin1');
  }
  return out;
}

/** The client gave up waiting for the response after `load.timeoutMs`. */
class ClientTimeout extends Error {}
/** One instance for every timeout: only its identity is read, and an Error captures a stack when made. */
const CLIENT_TIMEOUT = new ClientTimeout();

/** Send request `id` on connection `conn`; resolves when it is recorded (or, rehearsing, answered). */
async function send(w: Window, id: number, conn: number, intended: Micros): Promise<void> {
  if (!w.recorded) return rehearse(conn);
  const endpoint = pickEndpoint();
  inFlight++;
  let serverTiming = '';
  const record: RequestRecord = {
    id,
    endpoint,
    intended,
    sent: now(),
    accepted: null,
    responded: null,
    received: null,
    status: 0,
    error: null,
    conn: data.firstClientLane + conn,
  };
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
  for (let id = claim(w, now()); id !== -1; id = claim(w, now())) {
    await send(w, id, user, now());
    if (load.thinkMs > 0 && !stopped) await new Promise((r) => setTimeout(r, load.thinkMs));
  }
}

async function runClosed(w: Window): Promise<void> {
  await Promise.all(Array.from({ length: load.concurrency }, (_, user) => closedUser(w, user)));
}

/** Arrivals on the schedule; a rehearsal draws its gaps from a random stream of its own. */
async function runOpen(w: Window): Promise<void> {
  const gap = interArrivalMs(load.rateRps, load.arrival, w.recorded ? random : seededRandom(data.seed + 1));
  const backlog: { id: number; intended: Micros }[] = [];
  const running: Promise<void>[] = [];
  let nextConn = connections.length;
  let nextAt = w.startedAt;
  const launch = (id: number, intended: Micros) => {
    const conn = idleConnections.pop() ?? nextConn++;
    const p = send(w, id, conn, intended).then(() => {
      idleConnections.push(conn);
      const waiting = backlog.shift();
      if (waiting && !stopped) launch(waiting.id, waiting.intended);
    });
    running.push(p);
  };
  await new Promise<void>((resolve) => {
    const fire = () => {
      // Send every arrival that is due; a late timer must not thin out the schedule.
      while (!stopped && now() >= nextAt) {
        const id = claim(w, nextAt);
        if (id === -1) return resolve();
        if (inFlight < load.maxInFlight) launch(id, nextAt);
        else backlog.push({ id, intended: nextAt });
        nextAt += gap() * 1000;
      }
      // Done as soon as the last arrival is out, not at the next one (10 s away at 0.1 req/s).
      if (isOver(w, nextAt)) return resolve();
      const waitMs = (nextAt - now()) / 1000;
      // Sleep on a timer until ~1 ms before the arrival, then spin on setImmediate for accuracy.
      if (waitMs > 1.5) setTimeout(fire, waitMs - 1.2);
      else setImmediate(fire);
    };
    fire();
  });
  // Wait for everything sent to finish; a finishing request may launch one from the backlog,
  // which joins `running`, so drain until nothing new appears.
  while (running.length > 0) await Promise.allSettled(running.splice(0));
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
 * compiled in the first ~300 ms, sending late by 1–6 ms.
 */
async function warmUp(): Promise<void> {
  const warmed = load.model === 'closed' ? load.concurrency : Math.min(load.maxInFlight, OPEN_WARM_CONNECTIONS);
  const rounds = Math.min(20, Math.max(2, Math.ceil(WARM_UP_REQUESTS / warmed)));
  for (let round = 0; round < rounds; round++) {
    await Promise.allSettled(Array.from({ length: warmed }, (_, i) => get(connection(i), WARM_UP_PATH, NO_HEADERS)));
  }
  if (load.model === 'closed') return;
  for (let i = warmed - 1; i >= 0; i--) idleConnections.push(i);
  await runOpen({ startedAt: now(), countLimit: Infinity, durationMs: REHEARSAL_MS, sent: 0, recorded: false });
}

let warming: Promise<void> = Promise.resolve();

parentPort!.on('message', async (command: EngineCommand) => {
  if (command.type === 'warm-up') {
    serverUrls = command.serverUrls;
    warming = warmUp();
    await warming;
    post({ type: 'warmed' });
  } else if (command.type === 'start') {
    await warming;
    measured.startedAt = now();
    post({ type: 'load-started', at: measured.startedAt });
    await (load.model === 'closed' ? runClosed(measured) : runOpen(measured));
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

/**
 * The load generator's HTTP client: keep-alive connections (one undici Client each, one request
 * at a time on it) and one GET through undici's dispatch API, stamping the client's phases.
 * Apart from the load generator's thread so that a spare thread can run these same functions
 * before it has a run (http-pre-warm.ts): the JIT's work on them is then done ahead.
 */
import { Client, type Dispatcher } from 'undici';
import type { Micros, RequestRecord } from '../../../shared/trace.ts';
import type { LoadTarget } from '../threads/protocol.ts';
import { timedConnector, type ConnectTimes } from './timed-connect.ts';

/** What every connection of one load generator shares. */
export interface ClientSettings {
  now: () => Micros;
  /** How long a request may wait for its whole response. */
  timeoutMs: number;
  /** Keep each response's Server-Timing header (real-Django and URL runs). */
  captureServerTiming: boolean;
}

/**
 * A keep-alive connection (one undici Client, one request at a time on it), the instants its
 * latest connecting passed (taken by the request it was made for), and the timer that
 * enforces the timeout of the request on it. undici's own headersTimeout/bodyTimeout tick on a
 * coarse clock: a 100 ms timeout fired after a second, and a request that took 300 ms counted
 * as answered. One timer per connection, re-armed with refresh() for each request, costs less
 * than a timer made and cleared per request (~2% of requests/s against a trivial endpoint).
 */
export class Connection {
  /** @param serverUrl the server process this connection was accepted by (the engine's and Django's runs). */
  constructor(
    readonly serverUrl: string,
    readonly settings: ClientSettings,
  ) {
    this.timer = setTimeout(() => this.abortCurrent?.(CLIENT_TIMEOUT), settings.timeoutMs).unref();
  }

  /** One keep-alive client per origin this connection has sent to (a URL run's mix may name several). */
  private readonly clients = new Map<string, Client>();
  /** The connection's latest connecting, until the request it was made for takes it. */
  private connecting: ConnectTimes | null = null;
  private abortCurrent: ((error: Error) => void) | null = null;
  private readonly timer: NodeJS.Timeout;

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
        headersTimeout: this.settings.timeoutMs,
        bodyTimeout: this.settings.timeoutMs,
        // A probe's Server-Timing header grows with the spans of a request (~90 bytes each) and the
        // loop samples it carries (~4 kB at most): past Node's default 16 kB for a 32-way gather.
        ...(this.settings.captureServerTiming ? { maxHeaderSize: 1024 * 1024 } : {}),
        connect: timedConnector(this.settings.now, (times) => (this.connecting = times)),
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

/**
 * One request through undici's dispatch API, keeping at most 200 characters of an error's body.
 * `request()` wraps every response in a body stream and a chain of promises: against a trivial
 * endpoint that cost a third of the load generator's time (17,000 against 24,000 requests/s on
 * 2 cores, bench/benchmarks/loadgen-vs-autocannon.ts).
 */
export interface Answer {
  status: number;
  body: string;
  /** The response's Server-Timing headers joined with ', ' ('' when absent or not captured). */
  serverTiming: string;
}

/** Stamps the client's phases into `record` (null for unrecorded requests: warm-up, rehearsal). */
export function get(
  conn: Connection,
  path: string,
  headers: string[],
  record: RequestRecord | null = null,
): Promise<Answer> {
  return new Promise((resolve, reject) =>
    conn
      .client(conn.serverUrl)
      .dispatch({ path, method: 'GET', headers }, new GetHandler(conn, record, resolve, reject)),
  );
}

/** A URL run's request: its own origin, method, headers and body, then the request's id and index. */
export function sendTo(
  conn: Connection,
  target: LoadTarget,
  headers: string[],
  record: RequestRecord,
): Promise<Answer> {
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
      record.requestStart = this.conn.settings.now();
    }
    this.conn.arm(abort);
  }

  onRequestSent(): void {
    if (this.record) this.record.requestEnd = this.conn.settings.now();
  }

  onResponseStarted(): void {
    if (this.record) this.record.firstByte = this.conn.settings.now();
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.status = statusCode;
    if (this.conn.settings.captureServerTiming) this.serverTiming = serverTimingOf(rawHeaders);
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

/** The client gave up waiting for the response after its timeout. */
export class ClientTimeout extends Error {}
/** One instance for every timeout: only its identity is read, and an Error captures a stack when made. */
const CLIENT_TIMEOUT = new ClientTimeout();

/**
 * The wire protocol between the engine and its threads, typed in one place (like piscina's
 * types.ts). Every thread starts from a `*ThreadData`, says `ready` once it can work (a Ready
 * handshake: no thread is started inside the measured window), sends what it recorded in
 * batches (`spans`, `served`, `loop`, `requests`), and answers `flush` with `flushed`.
 */
import type { MessagePort } from 'node:worker_threads';
import type {
  Endpoint,
  FrameworkPythonMs,
  LoadConfig,
  OffloadableStep,
  OffloadExecutor,
  Scenario,
  Step,
} from '../../../shared/scenario.ts';
import type { Micros } from '../../../shared/trace.ts';
import type { UpstreamTarget } from '../upstream/upstream-url.ts';
import type { ViewFailure } from '../steps/step-error.ts';
import type { DbConnectionData } from '../db/connection.ts';
import type { PackedRequests } from '../../../shared/packed-requests.ts';

/** The load generator's unrecorded warm-up requests (see loadgen.worker.ts). */
export const WARM_UP_PATH = '/__warm-up';

/** What every thread that runs view code starts with. */
export interface ViewThreadData {
  epochMs: number;
  control: Int32Array;
  iterationsPerMs: number;
  shopDbFile: string;
  upstream: UpstreamTarget;
  syncHttpPort: MessagePort;
  lane: number;
  /** The server process the lane belongs to (its pool, its lock): the lane's `process`. */
  process: number;
  /** The interpreter lock of this thread's process; null when the lock is off. */
  gil: Int32Array | null;
  /** Database connections with a cost or a limit (null: the run does not model them). */
  db: DbConnectionData | null;
  /** The server's and Django's own Python charged around each view (null: none; see frameworkPythonOf). */
  framework: FrameworkPythonMs | null;
}

export interface ExecutorThreadData extends ViewThreadData {
  serverPort: MessagePort;
}

export interface SyncWorkerThreadData extends ViewThreadData {
  serverPort: MessagePort;
  endpoints: Endpoint[];
  /** `DJANGO_ALLOW_ASYNC_UNSAFE` (see the scenario's server). */
  allowAsyncUnsafe: boolean;
}

export interface ServerThreadData extends ViewThreadData {
  scenario: Scenario;
  /** Each executor thread's lane and port, and the executor it belongs to. */
  executors: { lane: number; port: MessagePort; group: OffloadExecutor }[];
  workers: { lane: number; port: MessagePort }[];
}

export interface LoadgenThreadData {
  epochMs: number;
  load: LoadConfig;
  weights: number[];
  seed: number;
  /** Lane id of the first client connection; connection i is lane firstClientLane + i. */
  firstClientLane: number;
  /** Keep each response's Server-Timing header (a real server's probe reports its threads there). */
  captureServerTiming?: boolean;
  /**
   * A URL run's requests, one per entry of the weighted mix (`weights` in step): each request goes
   * to its own origin and path with its method, headers and body. Absent: `GET /ep/<n>` on the
   * server named by `warm-up`.
   */
  targets?: LoadTarget[];
}

/** One request of a URL run, ready to send (see main/url/load-targets.ts). */
export interface LoadTarget {
  /** `http://host:port` or `https://host:port`: the connection's origin. */
  origin: string;
  /** Path and query, as sent on the request line. */
  path: string;
  method: string;
  /** Flat name/value pairs. */
  headers: string[];
  body: string | null;
}

/** Server thread → executor thread. */
/** Django's `request_finished` on the executor thread the request used: its connection closes. */
export interface ExecutorRequestFinished {
  type: 'request-finished';
  /** The thread was the request's own (a ThreadSensitiveContext's): it ends, and its connection with it. */
  threadEnds: boolean;
}

export type ExecutorTask = {
  type: 'task';
  task: number;
  req: number;
  submitted: Micros;
} & ({ view: Step[] } | { step: OffloadableStep } | { hop: HandlerHop });

/**
 * The framework's own thread-sensitive call before a view (Django's ASGI handler sending
 * `request_started`). Its other hop, closing the response, comes after the response is sent and
 * delays no one by more than a few lines of Python, so it is not modelled.
 */
export type HandlerHop = 'request_started';

/** Executor thread → server thread. */
export interface ExecutorDone {
  type: 'done';
  task: number;
  /** How the task failed: the status and reason the request's response should carry. */
  error: ViewFailure | null;
}

/** Server thread → sync worker. */
export interface WorkerRequest {
  type: 'request';
  req: number;
  endpoint: number;
  accepted: Micros;
}

/** Sync worker → server thread. */
export interface WorkerDone {
  type: 'done';
  req: number;
  /** How the view failed: the status and reason of its response. */
  error: ViewFailure | null;
}

/** Any thread → engine. */
export type ThreadReport =
  | { type: 'ready'; port?: number }
  | { type: 'spans'; spans: Float64Array }
  /** Packed triples: request id, accepted µs, responded µs. */
  | { type: 'served'; served: Float64Array }
  /** Packed pairs: t µs, delay ms. */
  | { type: 'loop'; samples: Float64Array }
  /** The client's records, packed (see shared/packed-requests.ts). */
  | ({
      type: 'requests';
      sent: number;
      inFlight: number;
      /** With `captureServerTiming`: each record's Server-Timing header, in the same order. */
      serverTimings?: string[];
    } & PackedRequests)
  /** The load generator's connections are open and its code paths warm: it may start. */
  | { type: 'warmed' }
  /** The measured load begins now. */
  | { type: 'load-started'; at: Micros }
  | { type: 'load-done'; reason: 'finished' | 'stopped' }
  | { type: 'flushed' }
  | { type: 'clock'; now: Micros }
  | { type: 'fatal'; message: string };

/** Engine → any thread. */
export type EngineCommand =
  | { type: 'flush' }
  | { type: 'clock' }
  | {
      type: 'warm-up';
      serverUrls: string[];
      /** Every server thread was a spare that exercised its HTTP paths (http-exercise.ts) before the run. */
      serverExercised?: boolean;
    }
  | { type: 'start' }
  | { type: 'stop' }
  | { type: 'close' };

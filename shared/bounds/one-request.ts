/**
 * The service time of one request with the server to itself, and what it occupies.
 *
 * A tiny list scheduler plays the view's steps on the threads it would use, each thread a
 * cursor of when it is next free. That is how the model's serialisations come out right without
 * special cases: under `gather`, awaits overlap (nobody is held); blocking children run one
 * after another on the loop (asyncio starts them in order and a blocking one never yields);
 * offloads of one request share its one thread under `per-request` and `one-thread`, but spread
 * over a pool; CPU pieces take turns on the interpreter lock, or on the cores without it.
 */
import { ABORT_AFTER_TIMEOUT_MS, REPLACEMENT_MS } from '../worker-timeout.ts';
import { dbConnectionsOf, defaultExecutorThreads, executorGroupOf, hasEventLoop, ORM_PYTHON_MS } from '../scenario.ts';
import type { Endpoint, LeafStep, OffloadableStep, Scenario, Step } from '../scenario.ts';
import { emptyDemand, type Demand } from './resources.ts';
import { callsSyncOrm } from '../synchronous-only.ts';

/** What one request of an endpoint costs when it runs alone. */
export interface EndpointProfile {
  name: string;
  weight: number;
  /** Latency of the request alone, ms. */
  serviceMs: number;
  /** Milliseconds held on each resource. */
  demand: Demand;
}

type Holder = 'loop' | 'workers' | 'executor' | 'pool' | 'to-thread';

class Thread {
  free = 0;
  /** This request's first query here opens a connection (see opensConnectionPerRequest). */
  mustConnect: boolean;
  constructor(
    readonly holder: Holder,
    server: ServerConnections,
  ) {
    this.mustConnect = opensConnectionPerRequest(server, holder) && dbConnectionsOf(server).connectMs > 0;
  }
}

type ServerConnections = Pick<Scenario['server'], 'executor' | 'dbConnectMs' | 'persistentConnections' | 'dbPool'>;

/**
 * Whether a thread of this kind opens a database connection for every request (see
 * main/engine/db/connection.ts): a worker unless CONN_MAX_AGE keeps it; a thread-sensitive
 * thread of Django 4.0+ always (it ends with its request); the one thread of 3.x unless kept.
 * Pools, asyncio's default executor and the loop are reached by no request_finished: they
 * connect once a run, which a single request's profile does not charge.
 */
export function opensConnectionPerRequest(server: ServerConnections, holder: Holder): boolean {
  // A pool keeps its connections open: a request borrows one (see the `connections` resource).
  if (server.dbPool !== undefined) return false;
  const persistent = server.persistentConnections ?? false;
  if (holder === 'workers') return !persistent;
  if (holder !== 'executor') return false;
  return server.executor === 'per-request' || (server.executor === 'one-thread' && !persistent);
}

interface Machine {
  /** The thread running the view's own code: the loop, a worker, or an executor thread (sync view under ASGI). */
  view: Thread;
  /** Where thread-sensitive `offload` goes; under WSGI, the worker itself. */
  executor: Thread[];
  /** Where a step's own executor sends it: a pool, or asyncio's default executor (async server only). */
  others: Record<'pool' | 'to-thread', Thread[]>;
  /** The interpreter lock (one per process), or null when off. */
  gil: { free: number } | null;
  cores: { free: number }[];
  demand: Demand;
  asyncServer: boolean;
  server: ServerConnections;
  /** Threads of one process take turns on its lock: the async server's, or a gthread worker's. */
  sharedLock: boolean;
  /** The sync ORM in async code raises at once (DJANGO_ALLOW_ASYNC_UNSAFE not set). */
  syncOrmRaises: boolean;
  /** When the request's first query started: from there it holds a pooled connection to its end. */
  firstQueryAt: number;
}

/** How long a step takes by itself, ms. A hanging upstream waits for its timeout; a refused one fails at once. */
export function stepMs(step: LeafStep | OffloadableStep): number {
  switch (step.kind) {
    case 'upstream':
      if (step.fault === 'hang') return step.timeoutMs;
      if (step.fault === 'refuse' || step.fault === 'reset') return 0;
      return Math.min(step.ms, step.timeoutMs);
    case 'offload':
      return stepMs(step.step);
    default:
      return step.ms;
  }
}

function earliest<T extends { free: number }>(list: T[]): T {
  return list.reduce((best, x) => (x.free < best.free ? x : best), list[0]);
}

/** A step that holds `thread` until done, from `t` or as soon as the thread (and the lock or a core) is free. */
function runHolding(m: Machine, thread: Thread, step: OffloadableStep, t: number): number {
  if (step.kind === 'cpu') return compute(m, thread, step.ms, t);
  let d = stepMs(step);
  if (step.kind === 'db' && thread.mustConnect) {
    d += dbConnectionsOf(m.server).connectMs;
    thread.mustConnect = false;
  }
  const start = Math.max(t, thread.free);
  if (step.kind === 'db') m.firstQueryAt = Math.min(m.firstQueryAt, start);
  thread.free = start + d;
  if (thread.holder !== 'workers') m.demand[thread.holder] += d;
  // The query's rows come back as Python objects: the ORM computes under the lock.
  return step.kind === 'db' ? compute(m, thread, ORM_PYTHON_MS[step.query], start + d) : start + d;
}

/** `ms` of computation on `thread`, from `t` or once the thread and the lock (or a core) are free. */
function compute(m: Machine, thread: Thread, ms: number, t: number): number {
  const lane = m.gil ?? earliest(m.cores);
  const start = Math.max(t, thread.free, lane.free);
  lane.free = start + ms;
  if (m.gil && m.sharedLock) m.demand.gil += ms;
  m.demand.cores += ms;
  thread.free = start + ms;
  if (thread.holder !== 'workers') m.demand[thread.holder] += ms;
  return start + ms;
}

/** Whether a step, met in async code, runs on the view's own thread (and so blocks it). */
function holdsViewThread(step: LeafStep): boolean {
  return (
    step.kind === 'block' || step.kind === 'cpu' || step.kind === 'db' || (step.kind === 'upstream' && step.blocking)
  );
}

function runAsync(m: Machine, step: Step | LeafStep, t: number): number {
  switch (step.kind) {
    case 'await':
      return t + step.ms;
    case 'upstream':
      return step.blocking ? runHolding(m, m.view, step, t) : t + stepMs(step);
    case 'offload': {
      const group = m.asyncServer ? executorGroupOf(step, m.server) : 'thread-sensitive';
      return runHolding(m, earliest(group === 'thread-sensitive' ? m.executor : m.others[group]), step.step, t);
    }
    case 'gather': {
      // Children start in order; a blocking one runs to its end before the next can start.
      let issue = t;
      let end = t;
      for (const child of step.steps) {
        const done = runAsync(m, child, issue);
        if (holdsViewThread(child)) issue = done;
        end = Math.max(end, done);
      }
      return end;
    }
    case 'db':
      return m.syncOrmRaises ? t : runHolding(m, m.view, step, t);
    default:
      return runHolding(m, m.view, step, t);
  }
}

function runSync(m: Machine, step: Step, t: number): number {
  // Validation keeps await, offload and gather out of sync views; in sync code every upstream call blocks.
  if (step.kind === 'await' || step.kind === 'gather' || step.kind === 'offload') return t;
  return runHolding(m, m.view, step, t);
}

/** Play one request of `endpoint` alone on the server of `scenario`. */
export function profileEndpoint(
  scenario: Pick<Scenario, 'server'>,
  endpoint: Endpoint,
  cores: number,
): EndpointProfile {
  const { server } = scenario;
  const asyncServer = hasEventLoop(server.model);
  const poolSize = asyncServer && server.executor === 'pool' ? server.poolThreads : 1;
  const executor = Array.from({ length: poolSize }, () => new Thread(asyncServer ? 'executor' : 'workers', server));
  const view = !asyncServer
    ? new Thread('workers', server)
    : endpoint.view === 'sync'
      ? executor[0]
      : new Thread('loop', server);
  const m: Machine = {
    view,
    executor: asyncServer ? executor : [view],
    others: {
      pool: Array.from({ length: server.poolThreads }, () => new Thread('pool', server)),
      'to-thread': Array.from({ length: defaultExecutorThreads(cores) }, () => new Thread('to-thread', server)),
    },
    server,
    gil: server.gil ? { free: 0 } : null,
    cores: Array.from({ length: Math.max(1, cores) }, () => ({ free: 0 })),
    demand: emptyDemand(),
    asyncServer,
    sharedLock: asyncServer || server.model === 'gthread',
    syncOrmRaises: !server.allowAsyncUnsafe,
    firstQueryAt: Infinity,
  };
  let t = 0;
  for (const step of endpoint.steps) {
    t = endpoint.view === 'async' ? runAsync(m, step, t) : runSync(m, step, t);
    // SynchronousOnlyOperation ends the view: the steps after it never run.
    if (endpoint.view === 'async' && m.syncOrmRaises && callsSyncOrm(step)) break;
  }
  // gunicorn's arbiter aborts a sync worker busy past --timeout at its next look, half a second
  // late on average: the request ends there (a 500), and its worker is back once replaced.
  const abortAtMs =
    server.model === 'sync-workers' && server.workerTimeoutS > 0
      ? server.workerTimeoutS * 1000 + ABORT_AFTER_TIMEOUT_MS
      : Infinity;
  const aborted = t > abortAtMs;
  if (aborted) t = abortAtMs;
  // A sync worker is held for the whole request, awaits included (async_to_sync's one-off loop frees nothing).
  if (!asyncServer) m.demand.workers = aborted ? t + REPLACEMENT_MS : t;
  // A pooled connection is borrowed at the first query and given back by request_finished.
  if (server.dbPool !== undefined && m.firstQueryAt < t) m.demand.connections = t - m.firstQueryAt;
  // So is the request's thread-sensitive thread behind a sync-only middleware, its offloads inside.
  else if (server.syncMiddleware) m.demand.executor = Math.max(m.demand.executor, t);
  return { name: endpoint.name, weight: endpoint.weight, serviceMs: t, demand: m.demand };
}

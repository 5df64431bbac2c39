/**
 * What a scenario means, as plain functions and figures, apart from the schemas that validate it
 * (scenario.ts, which re-exports all of this). The engine's threads import from here: the
 * schemas need zod, and loading zod cost every new thread ~80 ms of its ~130 ms start, which is
 * what a run of 50 per-request threads waited for.
 */
import type {
  DbQuery,
  Endpoint,
  LoadConfig,
  OffloadExecutor,
  OffloadStep,
  OffloadableStep,
  Scenario,
  ServerConfig,
  ServerModel,
  Step,
} from './scenario.ts';

/**
 * The sync ORM's own Python for each query, in ms, run under the interpreter lock: building the
 * SQL, the cursor calls, and a model instance per row (SQLite's own stepping lets go of the
 * lock, and the model's real query runs outside it). Measured with Django 5.2.17 on Python
 * 3.11.7 against the demo shop in SQLite: the thread CPU time of the generated project's query
 * (best of 7 × 300), less what the same SQL costs through sqlite3 alone: product-list (20 rows)
 * 266 − 17 µs, product-get 144 − 5 µs, cart-get (3 rows with their products) 322 − 14 µs,
 * order-insert (a transaction of an insert and an update) 543 − 90 µs. A faster machine runs
 * both faster; the real-Django runner measures the real one.
 */
export const ORM_PYTHON_MS: Readonly<Record<DbQuery, number>> = {
  'product-list': 0.25,
  'product-get': 0.14,
  'cart-get': 0.31,
  'order-insert': 0.45,
};

/**
 * The Python a request costs around its view, the server's and Django's own, in ms, under the
 * interpreter lock. Measured as the server process's CPU time per request of the generated
 * project serving views that do nothing (3,000 requests on one connection after 300 unmeasured,
 * 2 cores; the same with Interleave's probe and without). Django 5.2.17 on Python 3.11.7 with
 * uvicorn 0.54 (h11, asyncio) and gunicorn 26.2 sync: under ASGI an `async def` view costs
 * 1.45 ms on the event loop (h11's parsing, the handler, the thread Django 4.0+ starts per request
 * for request_started and request_finished, the response), a `def` view 0.35 ms more on its
 * executor thread (sync_to_async's hop); under WSGI a `def` view 0.42 ms on its worker, an
 * `async def` view 0.63 ms more (async_to_sync's event loop). Django 3.2.25 on Python 3.11.2
 * with uvicorn 0.17.6 and gunicorn 20.1, no thread per request: 0.74–0.81 ms and 0.1 ms more
 * under ASGI; 0.36–0.42 ms and 0.5 ms more under WSGI. A faster machine runs it faster.
 */
export interface FrameworkPythonMs {
  /** On the event loop before the view (the request read, the handler, request_started). */
  asgiRequest: number;
  /** On the event loop after the view (the response written, request_finished). */
  asgiResponse: number;
  /** On the executor thread before a `def` view under ASGI. */
  asgiSyncView: number;
  /** On the sync worker (or gthread thread) before the view. */
  wsgi: number;
  /** More on the worker before an `async def` view under WSGI. */
  wsgiAsyncView: number;
}

export const FRAMEWORK_PYTHON_MS: Readonly<Record<'3.2' | '4.0+', FrameworkPythonMs>> = {
  '3.2': { asgiRequest: 0.37, asgiResponse: 0.4, asgiSyncView: 0.1, wsgi: 0.4, wsgiAsyncView: 0.5 },
  '4.0+': { asgiRequest: 0.7, asgiResponse: 0.75, asgiSyncView: 0.35, wsgi: 0.42, wsgiAsyncView: 0.63 },
};

/**
 * What the server charges around each view: by the Django it behaves as (3.x without a `django`
 * named when its executor is one thread for the process), or nothing when the setting is off.
 */
export function frameworkPythonOf(
  server: Pick<Scenario['server'], 'frameworkPython' | 'django' | 'executor'>,
): FrameworkPythonMs | null {
  if (!server.frameworkPython) return null;
  const django3 = server.django === '3.2' || (server.django === undefined && server.executor === 'one-thread');
  return FRAMEWORK_PYTHON_MS[django3 ? '3.2' : '4.0+'];
}

/** The database connection settings that matter to a run, with their defaults filled in. */
export interface DbConnections {
  connectMs: number;
  maxConnections: number | null;
  persistent: boolean;
  /** Each process's pool size (Django 5.1+, PostgreSQL), or null without a pool. */
  pool: number | null;
}

export function dbConnectionsOf(
  server: Pick<Scenario['server'], 'dbConnectMs' | 'dbMaxConnections' | 'persistentConnections' | 'dbPool'>,
): DbConnections {
  return {
    connectMs: server.dbConnectMs ?? 0,
    maxConnections: server.dbMaxConnections ?? null,
    persistent: server.persistentConnections ?? false,
    pool: server.dbPool ?? null,
  };
}

/** Whether a run's connections are worth showing: a cost to open one, a limit on them, or a pool. */
export function modelsConnections(server: Scenario['server']): boolean {
  const db = dbConnectionsOf(server);
  return db.connectMs > 0 || db.maxConnections !== null || db.pool !== null;
}

/** The most requests that can be in flight at once under this load. */
export function maxInFlight(load: Pick<LoadConfig, 'model' | 'concurrency' | 'maxInFlight'>): number {
  return load.model === 'closed' ? load.concurrency : load.maxInFlight;
}

/** How many event loops (uvicorn processes) the server has: 0 under WSGI. */
export function loopProcesses(server: Pick<ServerConfig, 'model' | 'workers'>): number {
  return server.model === 'async' ? 1 : server.model === 'async-workers' ? server.workers : 0;
}

/** How many server processes there are: uvicorn's (one loop each) or gunicorn's workers. */
export function serverProcesses(server: Pick<ServerConfig, 'model' | 'workers'>): number {
  return hasEventLoop(server.model) ? loopProcesses(server) : server.workers;
}

/** Does the server run its views on event loops (ASGI under uvicorn), one or several? */
export function hasEventLoop(model: ServerModel): boolean {
  return model === 'async' || model === 'async-workers';
}

/** Does any view run work on the executor (a `def` view on the async server, or an offload)? */
/** asyncio's default executor (`asyncio.to_thread`, `run_in_executor(None, …)`): min(32, CPUs + 4) threads. */
export function defaultExecutorThreads(cpus: number): number {
  return Math.min(32, Math.max(1, cpus) + 4);
}

/**
 * The executor group an offload runs on, given the server: `executor: pool` for the whole server
 * already sends every offload to its pool, so a step's own `pool` is that same pool.
 */
export function executorGroupOf(
  step: { executor?: OffloadExecutor },
  server: Pick<Scenario['server'], 'executor'>,
): OffloadExecutor {
  const own = step.executor ?? 'thread-sensitive';
  return own === 'pool' && server.executor === 'pool' ? 'thread-sensitive' : own;
}

/** Every offload step of these endpoints, gathers' children included. */
export function offloadSteps(endpoints: readonly Pick<Endpoint, 'steps'>[]): OffloadStep[] {
  return endpoints.flatMap((e) =>
    e.steps.flatMap((s) =>
      s.kind === 'offload'
        ? [s]
        : s.kind === 'gather'
          ? s.steps.filter((c): c is OffloadStep => c.kind === 'offload')
          : [],
    ),
  );
}

/** Threads that serve requests in each gunicorn worker process: gthread's `--threads`, else one. */
export function threadsPerWorker(server: Pick<Scenario['server'], 'model' | 'threads'>): number {
  return server.model === 'gthread' ? server.threads : 1;
}

/**
 * Django 3.x's ASGI handler sends `request_started` through `sync_to_async(thread_sensitive=True)`
 * before every view: with one thread for the process (the `one-thread` executor), every request
 * hops onto that thread first and waits there behind any other request's offload, even when its
 * own view only awaits. (Closing the response hops there too, after it is sent: it delays no
 * response, so the model leaves it out.) From Django 4.0 these hops go to the request's own
 * thread, which nobody else holds, so the model does not charge them.
 */
export function handlerHopsQueue(server: Pick<Scenario['server'], 'model' | 'executor' | 'django'>): boolean {
  // Django 4.0+ with the one-thread executor is code outside a request context: no handler there.
  const django3 = server.django === undefined || server.django === '3.2';
  return hasEventLoop(server.model) && server.executor === 'one-thread' && django3;
}

/** Does any step of these endpoints (inside a gather or an offload too) call the upstream? */
export function callsUpstream(endpoints: readonly Pick<Endpoint, 'steps'>[]): boolean {
  const calls = (s: Step | OffloadableStep): boolean =>
    s.kind === 'upstream' || (s.kind === 'offload' && calls(s.step)) || (s.kind === 'gather' && s.steps.some(calls));
  return endpoints.some((e) => e.steps.some(calls));
}

export function needsExecutor(endpoints: readonly Pick<Endpoint, 'view' | 'steps'>[]): boolean {
  return endpoints.some(
    (e) =>
      e.view === 'sync' ||
      e.steps.some((s) => s.kind === 'offload' || (s.kind === 'gather' && s.steps.some((c) => c.kind === 'offload'))),
  );
}

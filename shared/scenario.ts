/**
 * Scenarios: what a run asks the engine to do, and the single source of truth for what is allowed.
 *
 * Every setting is the counterpart of a real deployment (see the `explain*` texts in presets.ts):
 * the server is uvicorn (one event loop) or gunicorn's sync workers; a view is `async def` or
 * `def`; the executor is Django's `sync_to_async`; the interpreter lock is CPython's GIL.
 * Types are inferred from the schemas so the engine, the CLI, the bridge and the UI agree by
 * construction. Limits are chosen so one 2-core machine can run what validates.
 */
import { z } from 'zod';
import {
  MAX_ENDPOINT_LABEL_CHARS,
  MAX_HEADER_NAME_CHARS,
  MAX_HEADER_VALUE_CHARS,
  MAX_IMPORTED_ENDPOINTS,
  MAX_REQUEST_BODY_CHARS,
  MAX_REQUEST_HEADERS,
  MAX_RUN_NAME_CHARS,
  MAX_TARGET_URL_CHARS,
} from './limits.ts';
import { maxInFlight, loopProcesses, needsExecutor } from './scenario-rules.ts';

export * from './scenario-rules.ts';

/** Longest single step, in milliseconds (one minute). */
export const MAX_STEP_MS = 60_000;
/** Most threads a per-request executor may start up front (one per request in flight). */
export const MAX_PER_REQUEST_THREADS = 256;
/** Most threads a gthread server may have in all (workers × threads). */
export const MAX_GTHREAD_THREADS = 256;

const ms = (what: string) =>
  z
    .number({ error: `${what} must be a number of milliseconds` })
    .finite()
    .min(0)
    .max(MAX_STEP_MS);

/** The demo shop's queries; each runs for real on SQLite through the thread's own connection. */
export const DB_QUERIES = ['product-list', 'product-get', 'cart-get', 'order-insert'] as const;
export type DbQuery = (typeof DB_QUERIES)[number];

/** How the embedded upstream misbehaves, for fault runs. */
export const UPSTREAM_FAULTS = ['none', 'refuse', 'hang', 'reset'] as const;

/** `await asyncio.sleep(ms)`, an async client, an async driver: a wait that frees the thread. */
export const awaitStepSchema = z.object({ kind: z.literal('await'), ms: ms('await.ms') }).strict();
/** `time.sleep(ms)`, `requests.get`, a sync ORM round trip: a wait that holds the thread. */
export const blockStepSchema = z.object({ kind: z.literal('block'), ms: ms('block.ms') }).strict();
/** Busy computation (serialising, templating) that needs the interpreter lock. */
export const cpuStepSchema = z.object({ kind: z.literal('cpu'), ms: ms('cpu.ms') }).strict();
/**
 * A real SQL query on the demo shop database. `ms` adds the round trip of a database server
 * (SQLite itself answers in microseconds); the thread stays blocked for both, like the sync ORM.
 */
export const dbStepSchema = z
  .object({ kind: z.literal('db'), query: z.enum(DB_QUERIES), ms: ms('db.ms').default(0) })
  .strict();
/** A real HTTP call to the embedded upstream, which answers after `ms`. */
export const upstreamStepSchema = z
  .object({
    kind: z.literal('upstream'),
    ms: ms('upstream.ms'),
    fault: z.enum(UPSTREAM_FAULTS).default('none'),
    timeoutMs: z.number().int().min(1).max(MAX_STEP_MS).default(5_000),
    /**
     * A sync client (`requests.get`) called from async code: it blocks the thread it runs on.
     * In sync code (a `def` view, an offload) every call blocks, whatever this says.
     */
    blocking: z.boolean().default(false),
  })
  .strict();

/** What `sync_to_async` may run: blocking work, never an `await`. */
export const offloadableStepSchema = z.discriminatedUnion('kind', [
  blockStepSchema,
  cpuStepSchema,
  dbStepSchema,
  upstreamStepSchema,
]);

/**
 * Where one offload runs. `thread-sensitive` (the default): `sync_to_async(fn)` and the async ORM,
 * on the server's thread-sensitive executor. `pool`: `sync_to_async(fn, thread_sensitive=False,
 * executor=POOL)`, on a pool of `server.poolThreads`. `to-thread`: `asyncio.to_thread(fn)`, on
 * the event loop's default executor, min(32, CPUs + 4) threads.
 */
export const OFFLOAD_EXECUTORS = ['thread-sensitive', 'pool', 'to-thread'] as const;
export type OffloadExecutor = (typeof OFFLOAD_EXECUTORS)[number];

/** `await sync_to_async(fn)()`, and the async ORM (`aget`, `acreate`), which is exactly that. */
export const offloadStepSchema = z
  .object({
    kind: z.literal('offload'),
    step: offloadableStepSchema,
    /** Absent: thread-sensitive (so documents written before this field read the same). */
    executor: z.enum(OFFLOAD_EXECUTORS).optional(),
  })
  .strict();

/** A step that may stand inside a gather. */
export const leafStepSchema = z.discriminatedUnion('kind', [
  awaitStepSchema,
  blockStepSchema,
  cpuStepSchema,
  dbStepSchema,
  upstreamStepSchema,
  offloadStepSchema,
]);

/** `await asyncio.gather(...)`: children start together; awaits overlap, one thread's work does not. */
export const gatherStepSchema = z
  .object({ kind: z.literal('gather'), steps: z.array(leafStepSchema).min(1).max(32) })
  .strict();

export const stepSchema = z.discriminatedUnion('kind', [
  awaitStepSchema,
  blockStepSchema,
  cpuStepSchema,
  dbStepSchema,
  upstreamStepSchema,
  offloadStepSchema,
  gatherStepSchema,
]);

export const VIEW_KINDS = ['async', 'sync'] as const;

/** A URL's view: `async def` or `def`, and the steps it runs in order. */
export const endpointSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(60)
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
    weight: z.number().finite().positive().max(1000).default(1),
    view: z.enum(VIEW_KINDS),
    steps: z.array(stepSchema).max(64),
  })
  .strict()
  .superRefine((endpoint, ctx) => {
    if (endpoint.view !== 'sync') return;
    endpoint.steps.forEach((step, i) => {
      if (step.kind === 'await' || step.kind === 'gather' || step.kind === 'offload') {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'kind'],
          message: `a sync view (def) cannot ${step.kind}; allowed in a sync view: block, cpu, db, upstream`,
        });
      }
    });
  });

/**
 * `async`: uvicorn, one process, one event loop. `sync-workers`: gunicorn's sync workers (WSGI).
 * `async-workers`: `uvicorn --workers N` (N processes, each its own loop, lock and executor).
 * `gthread`: gunicorn `-k gthread --threads T` (W processes of T threads, one lock per process).
 */
export const SERVER_MODELS = ['async', 'sync-workers', 'async-workers', 'gthread'] as const;
/** uvicorn's and gunicorn's default `--backlog`: connections the kernel queues before they are accepted. */
export const DEFAULT_BACKLOG = 2048;
/** gunicorn's default `--timeout`: seconds a worker may stay silent before the arbiter kills it. */
export const DEFAULT_WORKER_TIMEOUT_S = 30;
export const EXECUTORS = ['per-request', 'one-thread', 'pool'] as const;
/**
 * The Django versions the model can behave as. What differs between them here: where
 * thread-sensitive work runs (one thread for the process in 3.x; one per request in flight from
 * 4.0, the ASGI handler's ThreadSensitiveContext) and, in 3.x, the handler's own hop onto it.
 */
export const DJANGO_VERSIONS = ['3.2', '4.2', '5.2'] as const;
export type DjangoVersion = (typeof DJANGO_VERSIONS)[number];

/** The thread-sensitive executor a Django version gives requests under ASGI. */
export function djangoExecutor(django: DjangoVersion): 'one-thread' | 'per-request' {
  return django === '3.2' ? 'one-thread' : 'per-request';
}

/**
 * The server process(es). Flat on purpose: sliders keep every value while the model changes.
 * `workers` matters for sync-workers, async-workers and gthread, `threads` for gthread,
 * `executor`/`poolThreads` for the async servers.
 */
export const serverFieldsSchema = z
  .object({
    model: z.enum(SERVER_MODELS),
    workers: z.number().int().min(1).max(64).default(4),
    /**
     * The Django version to behave as (absent: as the executor says). It sets the executor when
     * none is given: one thread for the process on 3.2, a thread per request from 4.0.
     */
    django: z.enum(DJANGO_VERSIONS).optional(),
    /** Where thread-sensitive work runs; an advanced override of what `django` implies. */
    executor: z.enum(EXECUTORS).optional(),
    poolThreads: z.number().int().min(1).max(64).default(4),
    gil: z.boolean().default(true),
    /**
     * Charge the server's and Django's own Python around each view (FRAMEWORK_PYTHON_MS), as real
     * Django always does; off leaves the model's views alone, to see the steps by themselves.
     */
    frameworkPython: z.boolean().default(true),
    /** gthread: threads per worker process (gunicorn's `--threads`, default 1). */
    threads: z.number().int().min(1).max(64).default(1),
    /** uvicorn's `--limit-concurrency`: a 503 when a process has this many connections or requests (null: none). */
    limitConcurrency: z.number().int().min(1).max(10_000).nullable().default(null),
    /** `--backlog`: connections the kernel queues for the server before refusing more. */
    backlog: z.number().int().min(1).max(65_535).default(DEFAULT_BACKLOG),
    /** gunicorn's `--timeout`: a worker silent longer is killed, its request fails (0: never). */
    workerTimeoutS: z.number().int().min(0).max(3_600).default(DEFAULT_WORKER_TIMEOUT_S),
    /**
     * `DJANGO_ALLOW_ASYNC_UNSAFE`: off, the sync ORM called straight from an `async def` view raises
     * SynchronousOnlyOperation (a 500) before any query; on, the query runs there, holding the loop.
     */
    allowAsyncUnsafe: z.boolean().default(false),
    /**
     * A sync-only middleware in MIDDLEWARE (one or several in a row: Django adapts the chain once).
     * Under ASGI Django runs it through sync_to_async(thread_sensitive=True), and the view below
     * it back on the loop through async_to_sync: the request holds its thread-sensitive thread for
     * its whole length, its own offloads running there. Absent: none.
     */
    syncMiddleware: z.boolean().optional(),
    /**
     * Opening a database connection (Django's first query on a thread without one): the TCP and
     * authentication round trips to the database server. Absent: free, as SQLite's is.
     */
    dbConnectMs: z.number().finite().min(0).max(10_000).optional(),
    /**
     * The database server's connection limit (PostgreSQL's `max_connections`, less its reserved
     * slots): one more is refused, and the query that asked fails. Absent: no limit.
     */
    dbMaxConnections: z.number().int().min(1).max(10_000).optional(),
    /**
     * `CONN_MAX_AGE = None`: a thread keeps its connection between requests. Absent or false:
     * `CONN_MAX_AGE = 0`, Django's default, closing it when the request finishes.
     */
    persistentConnections: z.boolean().optional(),
    /**
     * Django 5.1's connection pool for PostgreSQL (`OPTIONS["pool"] = {"max_size": N}`): each
     * process keeps up to N connections open and lends them out; a query on a thread without one
     * waits for one (PoolTimeout after 30 s), and request_finished gives it back. Absent: no pool.
     */
    dbPool: z.number().int().min(1).max(10_000).optional(),
    /**
     * uvicorn --workers: which process accepts each client connection, by the connection's number
     * (connection i goes to process `connectionProcesses[i mod length]`, counted from 0). Absent:
     * spread evenly (i mod workers). Real uvicorn's processes race to accept from one shared
     * socket, and the first awake takes every connection waiting; the faithfulness table gives
     * the model the placement real uvicorn made, so it compares what the processes then do.
     * A run on real Django leaves it alone: its kernel places the connections.
     */
    connectionProcesses: z.array(z.number().int().min(0).max(63)).min(1).max(10_000).optional(),
  })
  .strict();

export const serverSchema = serverFieldsSchema
  .superRefine((server, ctx) => {
    if (server.syncMiddleware && server.executor === 'pool')
      ctx.addIssue({
        code: 'custom',
        path: ['syncMiddleware'],
        message:
          'is on with executor pool: Django runs a sync-only middleware thread-sensitively, never on a pool; allowed with executor per-request or one-thread',
      });
    if (server.django === '3.2' && server.executor === 'per-request')
      ctx.addIssue({
        code: 'custom',
        path: ['executor'],
        message:
          'is per-request with Django 3.2: a thread per request in flight (ThreadSensitiveContext) came in Django 4.0; allowed with 3.2: one-thread, pool',
      });
    if (server.dbPool !== undefined && server.persistentConnections)
      ctx.addIssue({
        code: 'custom',
        path: ['dbPool'],
        message: `is ${server.dbPool} with persistentConnections on: Django raises "Pooling doesn't support persistent connections."; allowed: a pool with CONN_MAX_AGE 0 (persistentConnections off)`,
      });
    if (server.dbPool !== undefined && (server.django === '3.2' || server.django === '4.2'))
      ctx.addIssue({
        code: 'custom',
        path: ['dbPool'],
        message: `is ${server.dbPool} with Django ${server.django}: the connection pool came in Django 5.1; allowed with Django 5.2`,
      });
    if (server.limitConcurrency !== null && server.model !== 'async' && server.model !== 'async-workers')
      ctx.addIssue({
        code: 'custom',
        path: ['limitConcurrency'],
        message: `is ${server.limitConcurrency} with server ${server.model}; --limit-concurrency is uvicorn's, allowed with server async or async-workers`,
      });
    const { connectionProcesses: placed } = server;
    if (placed && server.model !== 'async-workers')
      ctx.addIssue({
        code: 'custom',
        path: ['connectionProcesses'],
        message: `is set with server ${server.model}; it places connections on uvicorn's processes, allowed with server async-workers`,
      });
    const outside = placed?.find((p) => p >= server.workers);
    if (outside !== undefined && server.model === 'async-workers')
      ctx.addIssue({
        code: 'custom',
        path: ['connectionProcesses'],
        message: `names process ${outside} with ${server.workers} workers; allowed: 0 to ${server.workers - 1}`,
      });
  })
  .transform((server) => {
    const executor = server.executor ?? (server.django ? djangoExecutor(server.django) : 'per-request');
    // Keys in the schema's order, whatever order they came in, so a document writes back as it was read.
    const ordered: Record<string, unknown> = {};
    for (const key of Object.keys(serverFieldsSchema.shape) as (keyof typeof server)[])
      if (key === 'executor') ordered.executor = executor;
      else if (server[key] !== undefined) ordered[key] = server[key];
    return ordered as typeof server & { executor: Executor };
  });

export const LOAD_MODELS = ['closed', 'open'] as const;
export const ARRIVALS = ['constant', 'poisson'] as const;

/** When a run ends: after a number of requests, or after a duration. */
export const runEndSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('requests'), count: z.number().int().min(1).max(1_000_000) }).strict(),
  z.object({ kind: z.literal('duration'), seconds: z.number().finite().min(0.1).max(3_600) }).strict(),
]);

/**
 * The load: closed (C virtual users, each waits for its response, then thinks) or open
 * (arrivals at a rate, constant or Poisson, with a cap on requests in flight).
 */
export const loadSchema = z
  .object({
    model: z.enum(LOAD_MODELS),
    concurrency: z.number().int().min(1).max(1_000).default(10),
    thinkMs: ms('load.thinkMs').default(0),
    rateRps: z.number().finite().min(0.1).max(20_000).default(50),
    arrival: z.enum(ARRIVALS).default('constant'),
    maxInFlight: z.number().int().min(1).max(1_000).default(100),
    timeoutMs: z.number().int().min(10).max(600_000).default(30_000),
    end: runEndSchema,
  })
  .strict();

/** Where a scenario runs. "Both" is an action (one run on each, then a comparison), not a target. */
export const TARGET_KINDS = ['model', 'django', 'url'] as const;

/** The methods a URL run may send. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * Headers a URL run may not set: the client frames the request itself (length, encoding, the
 * connection), and `x-interleave-req`/`x-interleave-endpoint` carry each request's id and index.
 */
export const RESERVED_HEADERS = [
  'connection',
  'content-length',
  'expect',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'x-interleave-req',
  'x-interleave-endpoint',
] as const;

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A header value: Latin-1 without control characters but tab (a CR or LF would start another header). */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const quote = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

/** Why `text` is not a URL a URL run can target, or null when it is. */
export function targetUrlProblem(text: string): string | null {
  const allowed = 'allowed an absolute http:// or https:// URL such as http://127.0.0.1:8000/api/items';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `is ${quote(text)}; ${allowed}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `is ${quote(text)}; ${allowed}`;
  if (url.username || url.password)
    return `is ${quote(text)}; a URL may not carry a user name or password (send an Authorization header instead)`;
  return null;
}

/** An absolute http(s) URL, checked by the WHATWG parser (the host a run connects to is the one it reads). */
export const targetUrlSchema = z
  .string()
  .max(MAX_TARGET_URL_CHARS)
  .superRefine((text, ctx) => {
    const problem = targetUrlProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A URL run's request headers: bounded in count and size, names HTTP tokens, values on one line. */
export const requestHeadersSchema = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
  const names = Object.keys(headers);
  if (names.length > MAX_REQUEST_HEADERS)
    ctx.addIssue({ code: 'custom', message: `has ${names.length} headers; allowed at most ${MAX_REQUEST_HEADERS}` });
  for (const name of names.slice(0, MAX_REQUEST_HEADERS + 1)) {
    const value = headers[name];
    // The issue's path ends in the header's name, so each message starts from it.
    const problem =
      name.length === 0 || name.length > MAX_HEADER_NAME_CHARS || !HEADER_NAME.test(name)
        ? `is not a header name; allowed letters, digits and !#$%&'*+-.^_\`|~, at most ${MAX_HEADER_NAME_CHARS} characters`
        : (RESERVED_HEADERS as readonly string[]).includes(name.toLowerCase())
          ? `is a header Interleave sets itself; allowed any header but ${RESERVED_HEADERS.join(', ')}`
          : value.length > MAX_HEADER_VALUE_CHARS
            ? `is ${value.length} characters long; allowed at most ${MAX_HEADER_VALUE_CHARS}`
            : !HEADER_VALUE.test(value)
              ? `is ${quote(value)}, with a line break, a control character or a character beyond Latin-1; allowed one line of Latin-1 text`
              : null;
    if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
  }
});

/** One request of a URL run's mix: sent with probability proportional to its weight. */
export const urlRequestSchema = z
  .object({
    method: z.enum(HTTP_METHODS).default('GET'),
    url: targetUrlSchema,
    headers: requestHeadersSchema.default({}),
    body: z.string().max(MAX_REQUEST_BODY_CHARS).optional(),
    weight: z.number().positive().max(1000).default(1),
  })
  .strict();

/** Files a run can be imported from besides Interleave's own JSON export: k6's `--out json`, HAR 1.2. */
export const IMPORT_FORMATS = ['k6', 'har'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * The target: the model (the engine's Node threads imitating Django and CPython) or real Django,
 * the same scenario written out as a small Django project and served by uvicorn (`async`) or
 * gunicorn (`sync-workers`) from a Python found on this machine. `django` picks among the Python
 * environments found by their Django version (`5.2`, `3.2`, …); `newest` takes the newest.
 */
export const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('model') }).strict(),
  z
    .object({
      kind: z.literal('django'),
      django: z
        .string()
        .regex(/^(newest|\d{1,2}\.\d{1,2})$/, 'use "newest" or a Django version such as 5.2 or 3.2')
        .default('newest'),
      /** Recorded when a run starts: the Python, Django and server versions it ran on. */
      versions: z.string().max(300).optional(),
    })
    .strict(),
  /**
   * Your own server, at one or more URLs: the load section drives it, the weighted request list
   * replaces the endpoints' mix, and `server` and `endpoints` describe nothing. Loopback hosts
   * (127.0.0.0/8, ::1, localhost) run at once; any other host must be listed in `allowRemote`.
   */
  z
    .object({
      kind: z.literal('url'),
      requests: z.array(urlRequestSchema).min(1).max(32),
      /** Host names allowed besides loopback (as a URL spells them: `example.com`, `[2001:db8::1]`). */
      allowRemote: z.array(z.string().min(1).max(253)).max(32).default([]),
    })
    .strict(),
  /**
   * Not a place to run: the records came from a file another tool wrote (k6, a browser's HAR), so
   * the run shows what that client measured and cannot be run again. `endpoints` are the labels
   * (method and URL path) of the scenario's endpoints, by index; `notes` what the import found.
   */
  z
    .object({
      kind: z.literal('imported'),
      format: z.enum(IMPORT_FORMATS),
      file: z.string().min(1).max(255),
      endpoints: z.array(z.string().min(1).max(MAX_ENDPOINT_LABEL_CHARS)).max(MAX_IMPORTED_ENDPOINTS),
      notes: z.array(z.string().max(500)).max(10).default([]),
    })
    .strict(),
]);

export const scenarioSchema = z
  .object({
    name: z.string().trim().min(1).max(MAX_RUN_NAME_CHARS).default('Untitled scenario'),
    target: targetSchema.default({ kind: 'model' }),
    server: serverSchema,
    endpoints: z.array(endpointSchema).min(1).max(32),
    load: loadSchema,
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
  })
  .strict()
  .superRefine((s, ctx) => {
    const inFlight = maxInFlight(s.load);
    if (
      // A URL run starts no executor threads: its server is the one at the URL.
      s.target.kind !== 'url' &&
      (s.server.model === 'async' || s.server.model === 'async-workers') &&
      s.server.executor === 'per-request' &&
      needsExecutor(s.endpoints) &&
      inFlight * loopProcesses(s.server) > MAX_PER_REQUEST_THREADS
    ) {
      const processes = loopProcesses(s.server);
      ctx.addIssue({
        code: 'custom',
        path: ['load', s.load.model === 'closed' ? 'concurrency' : 'maxInFlight'],
        message:
          processes === 1
            ? `is ${inFlight}; the per-request executor starts one thread per request in flight, allowed 1..${MAX_PER_REQUEST_THREADS}`
            : `is ${inFlight}; each of the ${processes} uvicorn workers starts one executor thread per request in flight, allowed at most ${MAX_PER_REQUEST_THREADS} threads in all (1..${Math.floor(MAX_PER_REQUEST_THREADS / processes)} here)`,
      });
    }
    if (
      s.target.kind !== 'url' &&
      s.server.model === 'gthread' &&
      s.server.workers * s.server.threads > MAX_GTHREAD_THREADS
    )
      ctx.addIssue({
        code: 'custom',
        path: ['server', 'threads'],
        message: `is ${s.server.threads} with ${s.server.workers} workers (${s.server.workers * s.server.threads} threads); allowed at most ${MAX_GTHREAD_THREADS} threads in all (workers × threads)`,
      });
    const names = new Set<string>();
    s.endpoints.forEach((e, i) => {
      if (names.has(e.name))
        ctx.addIssue({
          code: 'custom',
          path: ['endpoints', i, 'name'],
          message: `"${e.name}" is used twice; endpoint names must differ`,
        });
      names.add(e.name);
    });
  });

export type AwaitStep = z.infer<typeof awaitStepSchema>;
export type BlockStep = z.infer<typeof blockStepSchema>;
export type CpuStep = z.infer<typeof cpuStepSchema>;
export type DbStep = z.infer<typeof dbStepSchema>;
export type UpstreamStep = z.infer<typeof upstreamStepSchema>;
export type OffloadableStep = z.infer<typeof offloadableStepSchema>;
export type OffloadStep = z.infer<typeof offloadStepSchema>;
export type LeafStep = z.infer<typeof leafStepSchema>;
export type GatherStep = z.infer<typeof gatherStepSchema>;
export type Step = z.infer<typeof stepSchema>;
export type StepKind = Step['kind'];
export type Endpoint = z.infer<typeof endpointSchema>;
export type ServerConfig = z.infer<typeof serverSchema>;
export type Executor = (typeof EXECUTORS)[number];
export type ServerModel = (typeof SERVER_MODELS)[number];
export type LoadConfig = z.infer<typeof loadSchema>;
export type RunEnd = z.infer<typeof runEndSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
export type Target = z.infer<typeof targetSchema>;
export type TargetKind = (typeof TARGET_KINDS)[number];
export type UrlTarget = Extract<Target, { kind: 'url' }>;
export type UrlRequest = z.infer<typeof urlRequestSchema>;
export type HttpMethod = (typeof HTTP_METHODS)[number];
/** A scenario as written by a person or a file: defaults may be left out. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

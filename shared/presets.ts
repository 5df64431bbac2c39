/**
 * The situations Django's async docs keep answering, each a one-click scenario with the words a
 * Django developer would use. Every explanation names the real counterpart of its settings.
 */
import type { ScenarioInput } from './scenario.ts';

export interface Preset {
  id: string;
  title: string;
  /** One line, for `interleave presets` and the picker. */
  summary: string;
  /** A short paragraph shown beside the picker: what to look for and why it happens. */
  explanation: string;
  scenario: ScenarioInput;
}

const tenUsers = (requests = 30) =>
  ({ model: 'closed', concurrency: 10, thinkMs: 0, end: { kind: 'requests', count: requests } }) as const;
const asgi = { model: 'async', executor: 'per-request', gil: true } as const;

export const PRESETS: readonly Preset[] = [
  {
    id: 'async-await',
    title: 'Async view awaiting I/O',
    summary: 'async def awaiting 100 ms under uvicorn: ten requests overlap on one loop',
    explanation:
      'An `async def` view that awaits (asyncio.sleep, an async HTTP client, an async driver) gives the event loop back while it waits. Under uvicorn (ASGI) one loop thread serves all ten requests at once: each takes about 100 ms and the loop stays free.',
    scenario: {
      name: 'Async view awaiting I/O',
      server: asgi,
      endpoints: [{ name: 'await-io', view: 'async', steps: [{ kind: 'await', ms: 100 }] }],
      load: tenUsers(),
    },
  },
  {
    id: 'async-time-sleep',
    title: 'Async view calling time.sleep (the classic mistake)',
    summary: 'async def calling time.sleep(0.1): the loop is blocked and requests run one at a time',
    explanation:
      '`time.sleep` (or any blocking call) inside `async def` holds the only event-loop thread. Nothing else runs until it returns, so ten concurrent requests take about a second, and the loop-delay chart shows the loop stalled for about that whole second: the ten sleeps run back to back, with no turn of the loop between them. Use `await asyncio.sleep`, an async client, or `sync_to_async`.',
    scenario: {
      name: 'Async view calling time.sleep',
      server: asgi,
      endpoints: [{ name: 'sleepy', view: 'async', steps: [{ kind: 'block', ms: 100 }] }],
      load: tenUsers(),
    },
  },
  {
    id: 'async-requests-get',
    title: 'Async view calling requests.get',
    summary: 'a sync HTTP client inside async def blocks the loop for the whole upstream call',
    explanation:
      '`requests.get` is synchronous: called from `async def` it blocks the event loop for the whole round trip to the upstream (a real HTTP call here). Switch to an async client (httpx.AsyncClient) or wrap the call in `sync_to_async`.',
    scenario: {
      name: 'Async view calling requests.get',
      server: asgi,
      endpoints: [{ name: 'fetch', view: 'async', steps: [{ kind: 'upstream', ms: 100, blocking: true }] }],
      load: tenUsers(),
    },
  },
  {
    id: 'async-view-sync-orm',
    title: 'Async view calling the sync ORM',
    summary: 'Product.objects.get() inside async def: Django raises SynchronousOnlyOperation, every request a 500',
    explanation:
      'The ORM is synchronous. Called straight from `async def` (`Product.objects.get(...)`), Django refuses before any query: it raises SynchronousOnlyOperation ("You cannot call this from an async context - use a thread or sync_to_async") and every request fails at once with a 500. The fix is `await Product.objects.aget(...)` (the async ORM, which runs the query on an executor thread) or `sync_to_async`. Setting DJANGO_ALLOW_ASYNC_UNSAFE silences the check, and the query then blocks the event loop exactly like time.sleep: tick the box to see it.',
    scenario: {
      name: 'Async view calling the sync ORM',
      server: asgi,
      endpoints: [{ name: 'product', view: 'async', steps: [{ kind: 'db', query: 'product-get', ms: 100 }] }],
      load: tenUsers(),
    },
  },
  {
    id: 'sync-workers',
    title: 'Sync views on 4 gunicorn workers',
    summary: 'def views blocking 100 ms on 4 sync workers: requests queue for a worker',
    explanation:
      'Under gunicorn with sync workers (WSGI) each worker is a process that serves one request at a time. Ten concurrent 100 ms requests on 4 workers run in waves of four: about 300 ms for the last, and the rest of the time is "queued for a worker".',
    scenario: {
      name: 'Sync views on 4 workers',
      server: { model: 'sync-workers', workers: 4 },
      endpoints: [{ name: 'sync-view', view: 'sync', steps: [{ kind: 'block', ms: 100 }] }],
      load: tenUsers(),
    },
  },
  {
    id: 'gthread-cpu',
    title: 'CPU-bound sync views on gunicorn gthread, 1 worker × 4 threads',
    summary: 'def views computing 40 ms on 4 threads of one process: they take turns on its interpreter lock',
    explanation:
      "gunicorn's gthread worker (`-k gthread --threads 4`) serves four requests at once on four threads of one process, and a process has one interpreter lock. Waiting (a query, a sleep, an HTTP call) lets the lock go, so I/O-bound views overlap; CPU work does not: the four threads compute one at a time, and eight 40 ms requests take about as long as on a single worker. Four sync workers are four processes with four locks: switch the server to sync workers to see the CPU work spread over the cores.",
    scenario: {
      name: 'CPU-bound views on gthread 1 × 4',
      server: { model: 'gthread', workers: 1, threads: 4 },
      endpoints: [{ name: 'compute', view: 'sync', steps: [{ kind: 'cpu', ms: 40 }] }],
      load: { model: 'closed', concurrency: 8, thinkMs: 0, end: { kind: 'requests', count: 24 } },
    },
  },
  {
    id: 'async-view-on-wsgi',
    title: 'Async view on WSGI workers',
    summary: 'async def under gunicorn sync workers: await frees nothing, same as a sync view',
    explanation:
      'Under WSGI Django runs an `async def` view with `async_to_sync`, in a one-off event loop that holds its worker until the view returns. Awaiting frees nothing: 4 workers and ten 100 ms awaits take about 300 ms, exactly like blocking sync views.',
    scenario: {
      name: 'Async view on WSGI workers',
      server: { model: 'sync-workers', workers: 4 },
      endpoints: [{ name: 'await-io', view: 'async', steps: [{ kind: 'await', ms: 100 }] }],
      load: tenUsers(),
    },
  },
  {
    id: 'async-orm-per-request',
    title: 'Async ORM (aget) under ASGI',
    summary: 'await Model.objects.aget(): each request in flight gets its own executor thread',
    explanation:
      'The async ORM runs the sync ORM through `sync_to_async(thread_sensitive=True)`. Since Django 4.0 the ASGI handler gives every request its own ThreadSensitiveContext, so each request in flight has its own thread: ten 100 ms queries overlap on ten threads and the loop stays free.',
    scenario: {
      name: 'Async ORM under ASGI',
      server: asgi,
      endpoints: [
        {
          name: 'product',
          view: 'async',
          steps: [{ kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 100 } }],
        },
      ],
      load: tenUsers(),
    },
  },
  {
    id: 'async-orm-one-thread',
    title: 'Async ORM outside a request context',
    summary: 'sync_to_async with no ThreadSensitiveContext (Django 3.x, plain asyncio): one thread for all',
    explanation:
      'Outside a request context (a plain asyncio app, a management command, or Django 3.x) every thread-sensitive call shares one process-wide thread. The loop stays free but the queries run one after another: ten 100 ms queries take about a second, mostly "queued for the executor".',
    scenario: {
      name: 'Async ORM on one thread',
      server: { ...asgi, executor: 'one-thread' },
      endpoints: [
        {
          name: 'product',
          view: 'async',
          steps: [{ kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 100 } }],
        },
      ],
      load: tenUsers(),
    },
  },
  {
    id: 'django-3-handler-hops',
    title: 'Django 3.2: an awaiting view queues behind another view’s sync_to_async',
    summary:
      'one view offloads 100 ms, another only awaits 10 ms; on Django 3.x’s one thread the awaiting one waits too',
    explanation:
      "Django 3.x's ASGI handler sends `request_started` through `sync_to_async(thread_sensitive=True)` before every view, and in 3.x every thread-sensitive call shares one thread for the process. So while `report` holds that thread for 100 ms, a `ping` that only awaits 10 ms cannot even start its view: it waits in the executor's queue behind the report (watch the executor lane). Django 4.0 gave each request its own thread for these calls: switch the executor to a thread per request and the pings answer in about 10 ms.",
    scenario: {
      name: 'Django 3.2 handler hops',
      server: { ...asgi, executor: 'one-thread' },
      endpoints: [
        { name: 'report', view: 'async', steps: [{ kind: 'offload', step: { kind: 'block', ms: 100 } }] },
        { name: 'ping', view: 'async', steps: [{ kind: 'await', ms: 10 }] },
      ],
      load: tenUsers(40),
    },
  },
  {
    id: 'sync-middleware',
    title: 'A sync-only middleware in front of async views (Django 3.2)',
    summary: 'await 100 ms behind an old-style middleware on Django 3.2: every request waits its turn',
    explanation:
      'A middleware that cannot run async (no `async_capable`) makes Django call it through `sync_to_async(thread_sensitive=True)` and run the `async def` view below it back on the loop through `async_to_sync`: the request holds its thread-sensitive thread until the response. On Django 3.2 that is one thread for the process, so ten views that only await 100 ms answer one after another, about a second for the last. Switch Django to 5.2: each request holds a thread of its own and they overlap again (at a thread each). The fix is to make the middleware async-capable, or drop it.',
    scenario: {
      name: 'Sync-only middleware on Django 3.2',
      server: { model: 'async', django: '3.2', gil: true, syncMiddleware: true },
      endpoints: [{ name: 'await-io', view: 'async', steps: [{ kind: 'await', ms: 100 }] }],
      load: tenUsers(),
    },
  },
  {
    id: 'gather-api-calls',
    title: 'Gathering two API calls',
    summary: 'asyncio.gather of two awaited upstream calls: they overlap, about 100 ms',
    explanation:
      '`await asyncio.gather(client.get(a), client.get(b))` with an async HTTP client runs both calls at once: the request takes about as long as the slower one.',
    scenario: {
      name: 'Gathering two API calls',
      server: asgi,
      endpoints: [
        {
          name: 'two-apis',
          view: 'async',
          steps: [
            {
              kind: 'gather',
              steps: [
                { kind: 'upstream', ms: 100 },
                { kind: 'upstream', ms: 100 },
              ],
            },
          ],
        },
      ],
      load: { ...tenUsers(), concurrency: 1, end: { kind: 'requests', count: 5 } },
    },
  },
  {
    id: 'gather-orm-queries',
    title: 'Gathering two ORM queries',
    summary: 'asyncio.gather of two aget() calls: one thread per request, so they run one after the other',
    explanation:
      'Gathering two async ORM calls looks concurrent but is not: both go through `sync_to_async(thread_sensitive=True)`, and one request has one thread, so the second query waits for the first. One request takes about 200 ms, not 100.',
    scenario: {
      name: 'Gathering two ORM queries',
      server: asgi,
      endpoints: [
        {
          name: 'two-queries',
          view: 'async',
          steps: [
            {
              kind: 'gather',
              steps: [
                { kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 100 } },
                { kind: 'offload', step: { kind: 'db', query: 'cart-get', ms: 100 } },
              ],
            },
          ],
        },
      ],
      load: { ...tenUsers(), concurrency: 1, end: { kind: 'requests', count: 5 } },
    },
  },
  {
    id: 'gather-to-thread',
    title: 'Gathering two blocking calls with asyncio.to_thread',
    summary: 'asyncio.gather of two to_thread() calls: the default executor runs them side by side',
    explanation:
      "The same gather as 'Gathering two ORM queries', but each blocking call goes through `asyncio.to_thread` (or `sync_to_async(thread_sensitive=False)`) instead of the thread-sensitive `sync_to_async`: the event loop's default executor, min(32, CPUs + 4) threads, runs the two side by side, and one request takes about 100 ms, not 200. The price: the calls leave the request's thread, so they must not touch the ORM or anything else that belongs to one thread.",
    scenario: {
      name: 'Gathering two to_thread calls',
      server: asgi,
      endpoints: [
        {
          name: 'two-calls',
          view: 'async',
          steps: [
            {
              kind: 'gather',
              steps: [
                { kind: 'offload', executor: 'to-thread', step: { kind: 'block', ms: 100 } },
                { kind: 'offload', executor: 'to-thread', step: { kind: 'block', ms: 100 } },
              ],
            },
          ],
        },
      ],
      load: { ...tenUsers(), concurrency: 1, end: { kind: 'requests', count: 5 } },
    },
  },
  {
    id: 'cpu-offload-gil',
    title: 'CPU work offloaded to a pool, under the interpreter lock',
    summary: 'four 50 ms computations on a pool of 4 threads: the GIL runs them one at a time',
    explanation:
      '`run_in_executor` (or `sync_to_async(thread_sensitive=False)`) moves CPU work off the loop, but CPython threads take turns holding the GIL, switching every 5 ms. Four 50 ms computations on four threads still take about 200 ms. Turn the interpreter lock off to see free-threaded Python, or use processes.',
    scenario: {
      name: 'CPU offloaded under the GIL',
      server: { ...asgi, executor: 'pool', poolThreads: 4 },
      endpoints: [{ name: 'compute', view: 'async', steps: [{ kind: 'offload', step: { kind: 'cpu', ms: 50 } }] }],
      load: { model: 'closed', concurrency: 4, end: { kind: 'requests', count: 8 } },
    },
  },
  {
    id: 'cpu-bound-async-view',
    title: 'A CPU-bound async view',
    summary: 'async def doing 30 ms of computation: the loop is busy, every request waits its turn',
    explanation:
      'Computation inside `async def` runs on the loop thread and never yields: while one request serialises a big payload, no other request makes progress. Loop delay grows with the number of requests in flight.',
    scenario: {
      name: 'CPU-bound async view',
      server: asgi,
      endpoints: [
        {
          name: 'render',
          view: 'async',
          steps: [
            { kind: 'await', ms: 20 },
            { kind: 'cpu', ms: 30 },
          ],
        },
      ],
      load: tenUsers(40),
    },
  },
  {
    id: 'shop-mix',
    title: 'A realistic shop',
    summary: 'product list, cart and checkout with an external payment call, on the async ORM',
    explanation:
      'Product pages and carts read through the async ORM (each request on its own executor thread); checkout writes an order and awaits a 150 ms payment provider. Watch the SQLite write lock and the payment call dominate checkout while browsing stays fast.',
    scenario: {
      name: 'Shop mix',
      server: asgi,
      endpoints: [
        {
          name: 'product-list',
          weight: 6,
          view: 'async',
          steps: [
            { kind: 'offload', step: { kind: 'db', query: 'product-list', ms: 5 } },
            { kind: 'cpu', ms: 3 },
          ],
        },
        {
          name: 'cart',
          weight: 3,
          view: 'async',
          steps: [
            { kind: 'offload', step: { kind: 'db', query: 'cart-get', ms: 5 } },
            { kind: 'cpu', ms: 2 },
          ],
        },
        {
          name: 'checkout',
          weight: 1,
          view: 'async',
          steps: [
            { kind: 'offload', step: { kind: 'db', query: 'order-insert', ms: 10 } },
            { kind: 'upstream', ms: 150 },
            { kind: 'cpu', ms: 2 },
          ],
        },
      ],
      // 32 in flight at most: at 60 req/s a few are out at once (real Django: 9 at most), and each
      // one in flight is an executor thread of its own to start (100 made the run start 104).
      load: { model: 'open', rateRps: 60, arrival: 'poisson', maxInFlight: 32, end: { kind: 'duration', seconds: 5 } },
    },
  },
  {
    id: 'limit-concurrency',
    title: 'uvicorn --limit-concurrency 5 under ten users',
    summary:
      'async def awaiting 100 ms, ten users, --limit-concurrency 5: kept-alive connections count, nearly all get a 503',
    explanation:
      "uvicorn's `--limit-concurrency 5` answers a request with 503 Service Unavailable, without running the view, when the process already holds 5 open connections (kept-alive ones count) or 5 running requests. Ten users keep ten connections open, so the limit is reached before any request runs and nearly every request is refused at once (real uvicorn 0.54 refused 28 of 30 here, the model all 30): the limit counts connections, not only requests in flight, and it sheds load instead of queueing it.",
    scenario: {
      name: 'uvicorn --limit-concurrency 5',
      server: { ...asgi, limitConcurrency: 5 },
      endpoints: [{ name: 'await-io', view: 'async', steps: [{ kind: 'await', ms: 100 }] }],
      load: tenUsers(),
    },
  },
  {
    id: 'uvicorn-workers',
    title: 'time.sleep in async def on uvicorn --workers 4',
    summary: 'time.sleep(0.1) in an async view on 4 uvicorn processes, 8 users: four at a time, still blocking',
    explanation:
      "`uvicorn --workers 4` (or gunicorn with `-k uvicorn.workers.UvicornWorker`) runs four processes, each with its own event loop, executor and interpreter lock; the kernel hands each new connection to one of them. A `time.sleep` in an async view still blocks its loop, so each process serves one request at a time: four at once in all, and a connection's requests wait behind whatever its process is sleeping on. More workers multiply a blocking server; only `await asyncio.sleep` (or `sync_to_async`) lets one loop overlap its requests. The model spreads connections evenly; real uvicorn's processes race to accept them from one shared socket, and the first awake takes every connection waiting: in five runs of this preset on real uvicorn 0.54 (2 cores) the eight connections landed on one process twice and on two processes three times, never on all four. A process given more connections serves them in turn, and its users wait longer than the others. And on Linux, `--workers` leaves Nagle's algorithm on (uvicorn issue #3149, open in 0.54): each response's body waits for the client to acknowledge its head, ~40 ms, before the next request on that connection can leave.",
    scenario: {
      name: 'time.sleep on uvicorn --workers 4',
      server: { ...asgi, model: 'async-workers', workers: 4 },
      endpoints: [{ name: 'sleepy', view: 'async', steps: [{ kind: 'block', ms: 100 }] }],
      load: { model: 'closed', concurrency: 8, thinkMs: 0, end: { kind: 'requests', count: 32 } },
    },
  },
  {
    id: 'worker-timeout',
    title: 'A slow view past gunicorn --timeout',
    summary: 'time.sleep(2) in a def view on 2 sync workers with --timeout 1: WORKER TIMEOUT, every request a 500',
    explanation:
      "gunicorn's arbiter expects each sync worker to check in while it works; one busy with a single request longer than `--timeout` (30 s by default, 1 s here) is killed with WORKER TIMEOUT in the log, its request answered with a 500 by the dying worker, and a fresh worker started in its place. Every request here sleeps 2 s, so every one fails after one to two seconds (the arbiter looks once a second), and the next waits for the replacement to boot: the work is lost and the users see errors, not slow pages. Raise the timeout only for views that really are slow; better, move the slow work off the request (a task queue), or keep the request async and let it await.",
    scenario: {
      name: 'A slow view past gunicorn --timeout 1',
      server: { model: 'sync-workers', workers: 2, workerTimeoutS: 1 },
      endpoints: [{ name: 'report', view: 'sync', steps: [{ kind: 'block', ms: 2_000 }] }],
      load: { model: 'closed', concurrency: 4, thinkMs: 0, end: { kind: 'requests', count: 8 } },
    },
  },
  {
    id: 'connection-per-request',
    title: 'A database connection per request under ASGI',
    summary:
      'two aget() calls around an API call, 20 ms to connect, CONN_MAX_AGE = None: every request still opens its own connection',
    explanation:
      "Django's connections belong to a thread. Under ASGI since Django 4.0 each request's sync work (the async ORM included) runs on a thread of its own that ends with the request, so every request opens a connection, and pays its 20 ms connect, even with persistent connections (`CONN_MAX_AGE = None`): nothing lives long enough to reuse one. Look for the dark `connect` bar at the start of each request's first query. Switch the server to sync workers: each worker keeps its connection, and only the first request on each pays. The fix under ASGI is Django 5.1's connection pool (PostgreSQL, `OPTIONS['pool']`).",
    scenario: {
      name: 'A connection per request under ASGI',
      server: { ...asgi, django: '5.2', dbConnectMs: 20, persistentConnections: true },
      endpoints: [
        {
          name: 'product',
          view: 'async',
          steps: [
            { kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 10 } },
            { kind: 'await', ms: 30 },
            { kind: 'offload', step: { kind: 'db', query: 'cart-get', ms: 10 } },
          ],
        },
      ],
      load: tenUsers(),
    },
  },
  {
    id: 'too-many-connections',
    title: 'Too many database connections under ASGI',
    summary: 'aget() of 50 ms, ten users, max_connections 6: the seventh connection is refused, a 500',
    explanation:
      "Under ASGI every request in flight holds a connection of its own (its own thread's), so ten users need ten connections at once. With the database allowing six (PostgreSQL's `max_connections`, less its reserved slots) the others fail at once with `OperationalError: FATAL: sorry, too many clients already`, and a failed user sends its next request straight away, to be refused again while the six are busy. Sync workers would hold one connection per worker; under ASGI, cap the requests in flight (`--limit-concurrency`) or use Django 5.1's connection pool, which makes requests wait for a connection instead of failing.",
    scenario: {
      name: 'Too many connections under ASGI',
      server: { ...asgi, django: '5.2', dbConnectMs: 5, dbMaxConnections: 6 },
      endpoints: [
        {
          name: 'product',
          view: 'async',
          steps: [{ kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 50 } }],
        },
      ],
      load: tenUsers(),
    },
  },
  {
    id: 'connection-pool',
    title: "Django 5.1's connection pool under ASGI",
    summary:
      'two aget() calls around a 50 ms API call, ten users, a pool of 4: four connections for every request, the others wait',
    explanation:
      "Django 5.1's connection pool (PostgreSQL, `OPTIONS['pool']`, here `min_size` = `max_size` = 4) opens its connections once and lends them out: a request borrows one at its first query and gives it back only when it finishes (`request_finished`, with `CONN_MAX_AGE = 0`), so it holds it across the `await` between its queries too. Ten users on four connections: four requests run, the other six wait in `pool-wait` (psycopg_pool hands connections back in arrival order, and raises PoolTimeout after 30 s). The run opens four connections in all instead of one per request (compare `connection-per-request`) and never meets PostgreSQL's `max_connections` (`too-many-connections`); the price is the wait. Size the pool for the requests in flight, or keep a view's queries together so it needs its connection for less time. Real Django 5.2 on PostgreSQL 15 runs the same shape: ten requests at once on ten threads, four connections opened for forty requests.",
    scenario: {
      name: 'A connection pool of 4 under ASGI',
      server: { ...asgi, django: '5.2', dbPool: 4 },
      endpoints: [
        {
          name: 'product',
          view: 'async',
          steps: [
            { kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 5 } },
            { kind: 'await', ms: 50 },
            { kind: 'offload', step: { kind: 'db', query: 'cart-get', ms: 5 } },
          ],
        },
      ],
      load: tenUsers(40),
    },
  },
];

/** The preset with this id, or undefined. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { theoreticalBound } from '../../../shared/bounds.ts';
import { PRESETS } from '../../../shared/presets.ts';
import { ORM_PYTHON_MS, scenarioSchema, type ScenarioInput } from '../../../shared/scenario.ts';
import { syncOrmInAsyncViews } from '../../../shared/synchronous-only.ts';

type ServerInput = ScenarioInput['server'];
type EndpointInput = ScenarioInput['endpoints'][number];
type View = Omit<EndpointInput, 'name'>;

/** Ten users sending `requests` requests (ten by default: one wave) to one endpoint. */
function scenario(server: ServerInput, endpoint: View, load: Partial<ScenarioInput['load']> = {}) {
  return scenarioSchema.parse({
    server,
    endpoints: [{ name: 'view', ...endpoint }],
    load: { model: 'closed', concurrency: 10, end: { kind: 'requests', count: 10 }, ...load },
  });
}

const asgi = { model: 'async', executor: 'per-request', gil: true } as const;
/** The ORM's Python after each query, under the interpreter lock (shared/scenario.ts). */
const ormGet = ORM_PYTHON_MS['product-get'];
const ormCart = ORM_PYTHON_MS['cart-get'];
const near = (actual: number | null, expected: number, what: string) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-6, `${what}: expected ${expected}, got ${actual}`);

test('an async view awaiting 100 ms: ten users overlap, about 100 ms each and 100 ms for all', () => {
  const b = theoreticalBound(scenario(asgi, { view: 'async', steps: [{ kind: 'await', ms: 100 }] }));
  near(b.minLatencyMs, 100, 'service time');
  near(b.expected.latencyMs, 100, 'latency');
  near(b.expectedMakespanMs, 100, 'makespan');
  assert.equal(b.maxThroughputRps, null);
  assert.equal(b.bottleneck, 'load');
});

test('the sync ORM in async def raises at once: 0 ms and nothing held, unless DJANGO_ALLOW_ASYNC_UNSAFE', () => {
  const steps = [
    { kind: 'db', query: 'product-get', ms: 100 },
    { kind: 'await', ms: 50 },
  ] as const;
  const raises = theoreticalBound(scenario(asgi, { view: 'async', steps: [...steps] }));
  near(raises.minLatencyMs, 0, 'fails before the query, and the await after it never runs');
  assert.equal(raises.maxThroughputRps, null, 'nothing is held');
  assert.match(raises.explanation, /^The view `view` calls the sync ORM inside async def: .*SynchronousOnlyOperation/);
  assert.match(raises.explanation, /every request fails at once with a 500/);
  const allowed = theoreticalBound(scenario({ ...asgi, allowAsyncUnsafe: true }, { view: 'async', steps: [...steps] }));
  near(allowed.minLatencyMs, 150 + ormGet, "the query and the ORM's Python on the loop, then the await");
  near(allowed.maxThroughputRps, 1000 / (100 + ormGet), 'the loop held 100 ms and the Python per request');
  assert.doesNotMatch(allowed.explanation, /SynchronousOnlyOperation/);
  const mix = theoreticalBound(
    scenarioSchema.parse({
      server: asgi,
      endpoints: [
        { name: 'orm', view: 'async', steps: [...steps] },
        { name: 'sleepy', view: 'async', steps: [{ kind: 'block', ms: 100 }] },
      ],
      load: { model: 'closed', concurrency: 10, end: { kind: 'requests', count: 10 } },
    }),
  );
  near(mix.minLatencyMs, 50, 'the mean of 0 and 100 ms');
  assert.match(mix.explanation, /each request to `orm` fails at once/);
  assert.match(mix.explanation, /Alone, a request takes 50 ms/);
});

test('blocking 100 ms inside an async view: the loop serialises ten requests into about a second', () => {
  const b = theoreticalBound(scenario(asgi, { view: 'async', steps: [{ kind: 'block', ms: 100 }] }));
  near(b.expectedMakespanMs, 1000, 'makespan');
  near(b.maxThroughputRps, 10, 'max throughput');
  near(b.expected.maxLatencyMs, 1000, 'slowest request');
  assert.equal(b.bottleneck, 'loop');
  assert.match(b.explanation, /event loop/);
});

test('a sync view blocking 100 ms on 4 workers: ten requests finish in three waves', () => {
  const b = theoreticalBound(
    scenario({ model: 'sync-workers', workers: 4 }, { view: 'sync', steps: [{ kind: 'block', ms: 100 }] }),
  );
  near(b.expectedMakespanMs, 300, 'makespan');
  near(b.expected.p95LatencyMs, 300, 'p95');
  near(b.expected.latencyMs, 180, 'mean of 4×100, 4×200, 2×300');
  near(b.maxThroughputRps, 40, 'max throughput');
  assert.equal(b.bottleneck, 'workers');
  assert.equal(b.expected.waves, true);
});

test('an async view on sync workers holds its worker through the await', () => {
  const b = theoreticalBound(
    scenario({ model: 'sync-workers', workers: 4 }, { view: 'async', steps: [{ kind: 'await', ms: 100 }] }),
  );
  near(b.expectedMakespanMs, 300, 'makespan');
  assert.equal(b.bottleneck, 'workers');
});

const offloadDb: View = {
  view: 'async',
  steps: [{ kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 100 } }],
};

test('offloads: a thread per request overlaps, one thread serialises, a pool of 5 runs two waves', () => {
  // Ten queries overlap on their own threads; their ten pieces of ORM Python then take turns on the lock.
  const perRequest = theoreticalBound(scenario(asgi, offloadDb));
  near(perRequest.expectedMakespanMs, 100 + 10 * ormGet, 'per-request makespan');
  assert.equal(perRequest.bottleneck, 'load');
  const oneThread = theoreticalBound(scenario({ ...asgi, executor: 'one-thread' }, offloadDb));
  near(oneThread.expectedMakespanMs, 10 * (100 + ormGet), 'one-thread makespan');
  assert.equal(oneThread.bottleneck, 'executor');
  const pool = theoreticalBound(scenario({ ...asgi, executor: 'pool', poolThreads: 5 }, offloadDb));
  near(pool.expectedMakespanMs, 2 * (100 + ormGet), 'pool makespan: two waves of five');
  near(pool.maxThroughputRps, (5 * 1000) / (100 + ormGet), 'pool max throughput');
});

test('four 50 ms CPU offloads on a pool of 4: 200 ms under the interpreter lock, 100 ms on 2 cores without it', () => {
  const cpu: View = { view: 'async', steps: [{ kind: 'offload', step: { kind: 'cpu', ms: 50 } }] };
  const users = { concurrency: 4, end: { kind: 'requests', count: 4 } } as const;
  const withGil = theoreticalBound(scenario({ ...asgi, executor: 'pool', poolThreads: 4 }, cpu, users));
  near(withGil.expectedMakespanMs, 200, 'makespan with the lock');
  near(withGil.expected.latencyMs, 200, 'the lock time-slices: all four finish together');
  assert.equal(withGil.bottleneck, 'gil');
  const free = theoreticalBound(scenario({ ...asgi, executor: 'pool', poolThreads: 4, gil: false }, cpu, users));
  near(free.expectedMakespanMs, 100, 'makespan without the lock');
  assert.equal(free.bottleneck, 'cores');
  const fourCores = theoreticalBound(scenario({ ...asgi, executor: 'pool', poolThreads: 4, gil: false }, cpu, users), {
    cores: 4,
  });
  near(fourCores.expectedMakespanMs, 50, 'makespan on 4 cores');
});

test('the same four CPU pieces gathered in one request: the lock serialises them inside the request', () => {
  const piece = { kind: 'offload', step: { kind: 'cpu', ms: 50 } } as const;
  const gathered: View = { view: 'async', steps: [{ kind: 'gather', steps: [piece, piece, piece, piece] }] };
  const one = { concurrency: 1, end: { kind: 'requests', count: 1 } } as const;
  near(
    theoreticalBound(scenario({ ...asgi, executor: 'pool', poolThreads: 4 }, gathered, one)).minLatencyMs,
    200,
    'with the lock',
  );
  near(
    theoreticalBound(scenario({ ...asgi, executor: 'pool', poolThreads: 4, gil: false }, gathered, one)).minLatencyMs,
    100,
    'without',
  );
});

test('gather: two offloads of one request share its thread (200 ms); two awaits overlap (100 ms)', () => {
  const db = (query: 'product-get' | 'cart-get') =>
    ({ kind: 'offload', step: { kind: 'db', query, ms: 100 } }) as const;
  const offloads = theoreticalBound(
    scenario(asgi, { view: 'async', steps: [{ kind: 'gather', steps: [db('product-get'), db('cart-get')] }] }),
  );
  near(offloads.minLatencyMs, 200 + ormGet + ormCart, 'gathered offloads, each query then its Python');
  // Ten requests' queries overlap; their twenty pieces of Python share the lock, and finish together.
  near(offloads.expected.latencyMs, 200 + 10 * (ormGet + ormCart), 'latency per request');
  const awaits = theoreticalBound(
    scenario(asgi, {
      view: 'async',
      steps: [
        {
          kind: 'gather',
          steps: [
            { kind: 'await', ms: 100 },
            { kind: 'await', ms: 100 },
          ],
        },
      ],
    }),
  );
  near(awaits.minLatencyMs, 100, 'gathered awaits');
  const pool = theoreticalBound(
    scenario(
      { ...asgi, executor: 'pool', poolThreads: 2 },
      { view: 'async', steps: [{ kind: 'gather', steps: [db('product-get'), db('cart-get')] }] },
    ),
  );
  near(pool.minLatencyMs, 100 + ormGet + ormCart, 'a pool spreads the queries; their Python takes turns');
});

test('gather starts children in order: a blocking child first delays the await after it', () => {
  const blockFirst = theoreticalBound(
    scenario(asgi, {
      view: 'async',
      steps: [
        {
          kind: 'gather',
          steps: [
            { kind: 'block', ms: 100 },
            { kind: 'await', ms: 100 },
          ],
        },
      ],
    }),
  );
  near(blockFirst.minLatencyMs, 200, 'block then await');
  const awaitFirst = theoreticalBound(
    scenario(asgi, {
      view: 'async',
      steps: [
        {
          kind: 'gather',
          steps: [
            { kind: 'await', ms: 100 },
            { kind: 'block', ms: 100 },
          ],
        },
      ],
    }),
  );
  near(awaitFirst.minLatencyMs, 100, 'await then block');
});

test('a sync view under ASGI runs whole on the executor, not on the loop', () => {
  const b = theoreticalBound(
    scenario({ ...asgi, executor: 'one-thread' }, { view: 'sync', steps: [{ kind: 'block', ms: 100 }] }),
  );
  assert.equal(b.bottleneck, 'executor');
  assert.deepEqual(
    b.resources.map((r) => r.resource),
    ['executor'],
  );
  near(b.expectedMakespanMs, 1000, 'makespan');
});

test("closed steady state follows Little's law: X = min(max, C/(S+Z)), R = max(S, C/X − Z)", () => {
  const busy = theoreticalBound(
    scenario(
      { model: 'sync-workers', workers: 4 },
      { view: 'sync', steps: [{ kind: 'block', ms: 100 }] },
      { end: { kind: 'duration', seconds: 10 } },
    ),
  );
  near(busy.expected.throughputRps, 40, 'throughput');
  near(busy.expected.latencyMs, 250, 'latency');
  near(busy.expected.requests, 400, 'requests in 10 s');
  assert.equal(busy.expectedMakespanMs, null);
  const thinking = theoreticalBound(
    scenario(
      { model: 'sync-workers', workers: 4 },
      { view: 'sync', steps: [{ kind: 'block', ms: 100 }] },
      { thinkMs: 900, end: { kind: 'duration', seconds: 10 } },
    ),
  );
  near(thinking.expected.throughputRps, 10, 'ten users each every second');
  near(thinking.expected.latencyMs, 100, 'no queueing');
  assert.equal(thinking.bottleneck, 'load');
});

test('open model: under capacity the rate passes through; over it the server is overloaded and latency grows', () => {
  const block: View = { view: 'async', steps: [{ kind: 'block', ms: 10 }] };
  const open = (rateRps: number, arrival: 'constant' | 'poisson' = 'constant') =>
    theoreticalBound(scenario(asgi, block, { model: 'open', rateRps, arrival, end: { kind: 'duration', seconds: 5 } }));
  const calm = open(50);
  near(calm.expected.throughputRps, 50, 'throughput');
  near(calm.expected.utilisation, 0.5, 'utilisation');
  near(calm.expected.latencyMs, 10, 'constant arrivals below capacity do not wait');
  assert.equal(calm.expected.overloaded, false);
  assert.ok(
    open(90, 'poisson').expected.latencyMs > open(50, 'poisson').expected.latencyMs,
    'Poisson queueing grows with load',
  );
  const flooded = open(200);
  assert.equal(flooded.expected.overloaded, true);
  assert.equal(flooded.bottleneck, 'loop');
  near(flooded.expected.throughputRps, 100, 'throughput capped');
  near(flooded.expected.latencyGrowthMsPerS, 1000, 'λ/X − 1 = 1: a second later per second');
  assert.match(flooded.explanation, /pile up/);
});

test('every preset gets a finite bound and a paragraph that names its numbers', () => {
  for (const preset of PRESETS) {
    const parsed = scenarioSchema.parse(preset.scenario);
    const b = theoreticalBound(parsed);
    // A view that raises SynchronousOnlyOperation fails before it does anything: 0 ms, by design.
    const failsAtOnce = syncOrmInAsyncViews(parsed).length === parsed.endpoints.length;
    assert.ok(Number.isFinite(b.minLatencyMs) && (failsAtOnce ? b.minLatencyMs === 0 : b.minLatencyMs > 0), preset.id);
    assert.ok(Number.isFinite(b.expected.latencyMs) && b.expected.latencyMs >= b.minLatencyMs - 1e-9, preset.id);
    assert.ok(b.expected.p95LatencyMs <= b.expected.maxLatencyMs + 1e-9, preset.id);
    assert.ok(
      b.explanation.length > 80 && !b.explanation.includes('NaN') && !b.explanation.includes('undefined'),
      preset.id,
    );
  }
});

test('a request-count run longer than one batch is replayed: ramp, steady queue and drain', () => {
  const sleepy = theoreticalBound(
    scenario(asgi, { view: 'async', steps: [{ kind: 'block', ms: 100 }] }, { end: { kind: 'requests', count: 30 } }),
  );
  near(sleepy.expected.latencyMs, 850, 'ten at 100..1000 ms, then twenty at 1 s');
  near(sleepy.expected.p95LatencyMs, 1000, 'p95');
  near(sleepy.expectedMakespanMs, 3000, 'makespan');
  assert.equal(sleepy.expected.waves, false);
  const cpu: View = { view: 'async', steps: [{ kind: 'offload', step: { kind: 'cpu', ms: 50 } }] };
  const gil = theoreticalBound(
    scenario({ ...asgi, executor: 'pool', poolThreads: 4 }, cpu, {
      concurrency: 4,
      end: { kind: 'requests', count: 8 },
    }),
  );
  near(gil.expected.latencyMs, 200, 'the lock time-slices each batch of four: all finish together');
  near(gil.expectedMakespanMs, 400, 'two batches');
});

test("Little's law by hand: in flight = throughput × latency", () => {
  // Four sync workers, 100 ms blocking views, ten users, no think time, a 10 s run:
  // X = min(4 workers × 1000 / 100 = 40 req/s, 10 / (0.1 s + 0) = 100 req/s) = 40 req/s;
  // R = C / X − Z = 10 / 40 s = 250 ms; in flight X × R = 40 × 0.25 = 10, every user.
  const sync = { model: 'sync-workers', workers: 4 } as const;
  const blocking: View = { view: 'sync', steps: [{ kind: 'block', ms: 100 }] };
  const busy = theoreticalBound(scenario(sync, blocking, { end: { kind: 'duration', seconds: 10 } }));
  near(busy.expected.throughputRps, 40, 'X');
  near(busy.expected.latencyMs, 250, 'R');
  near(busy.expected.inFlight, 10, 'X × R');
  // Thinking 900 ms: X = min(40, 10 / (0.1 + 0.9)) = 10 req/s; R = max(100, 10 / 10 s − 0.9 s) = 100 ms;
  // in flight 10 × 0.1 = 1 (the other nine are thinking).
  const thinking = theoreticalBound(scenario(sync, blocking, { thinkMs: 900, end: { kind: 'duration', seconds: 10 } }));
  near(thinking.expected.inFlight, 1, 'X × R');
  // Open model, 50 req/s of 10 ms blocking on the loop: R = 10 ms (constant arrivals do not wait);
  // in flight 50 × 0.010 = 0.5; utilisation 50 / 100 = 0.5.
  const open = theoreticalBound(
    scenario(
      asgi,
      { view: 'async', steps: [{ kind: 'block', ms: 10 }] },
      { model: 'open', rateRps: 50, arrival: 'constant', end: { kind: 'duration', seconds: 5 } },
    ),
  );
  near(open.expected.inFlight, 0.5, 'λ × R');
  near(open.expected.utilisation, 0.5, 'ρ');
});

test('a weighted mix by hand: service time and loop demand are weighted means', () => {
  // Endpoint A blocks the loop 100 ms (weight 3); B awaits 100 ms (weight 1), holding nothing.
  // Service time S = (3 × 100 + 1 × 100) / 4 = 100 ms. Loop demand D = (3 × 100 + 1 × 0) / 4 = 75 ms,
  // so the loop allows 1000 / 75 = 13.33… req/s. Ten users, no thinking, a 10 s run:
  // X = min(13.33…, 10 / 0.1 = 100) = 13.33… req/s; R = 10 / X = 0.75 s; 133.33… requests.
  const b = theoreticalBound(
    scenarioSchema.parse({
      server: asgi,
      endpoints: [
        { name: 'a', view: 'async', weight: 3, steps: [{ kind: 'block', ms: 100 }] },
        { name: 'b', view: 'async', weight: 1, steps: [{ kind: 'await', ms: 100 }] },
      ],
      load: { model: 'closed', concurrency: 10, end: { kind: 'duration', seconds: 10 } },
    }),
  );
  near(b.minLatencyMs, 100, 'S');
  assert.deepEqual(
    b.resources.map((r) => [r.resource, r.servers, r.demandMs]),
    [['loop', 1, 75]],
  );
  near(b.maxThroughputRps, 1000 / 75, 'max X');
  near(b.expected.throughputRps, 1000 / 75, 'X');
  near(b.expected.latencyMs, 750, 'R');
  near(b.expected.requests, 10_000 / 75, 'X × 10 s');
  assert.equal(b.bottleneck, 'loop');
});

test('sync workers, seven requests of 100 ms on three workers: waves of 3, 3 and 1', () => {
  // Requests 1–3 done at 100 ms, 4–6 at 200, 7 at 300: makespan 300 ms; mean (3 × 100 + 3 × 200 +
  // 300) / 7 = 1200 / 7 ms; p95 nearest rank ceil(0.95 × 7) = 7 → 300 ms; max X = 3 × 1000 / 100 = 30.
  const b = theoreticalBound(
    scenario(
      { model: 'sync-workers', workers: 3 },
      { view: 'sync', steps: [{ kind: 'block', ms: 100 }] },
      { concurrency: 7, end: { kind: 'requests', count: 7 } },
    ),
  );
  near(b.expectedMakespanMs, 300, 'makespan');
  near(b.expected.latencyMs, 1200 / 7, 'mean');
  near(b.expected.p95LatencyMs, 300, 'p95');
  near(b.maxThroughputRps, 30, 'max X');
});

test('opening a connection: 20 ms more per request where the thread is new each request, once a run where it lives on', () => {
  const twoQueries: View = {
    view: 'sync',
    steps: [
      { kind: 'db', query: 'product-get', ms: 10 },
      { kind: 'db', query: 'product-get', ms: 10 },
    ],
  };
  // ASGI, a thread per request: connect 20 + 10 + 10 (the second query reuses it), persistent or
  // not, and each query's ORM Python.
  for (const persistentConnections of [false, true]) {
    const b = theoreticalBound(scenario({ ...asgi, dbConnectMs: 20, persistentConnections }, twoQueries));
    near(b.minLatencyMs, 40 + 2 * ormGet, `per-request, persistent ${persistentConnections}`);
  }
  const workers = { model: 'sync-workers', workers: 4, dbConnectMs: 20 } as const;
  near(theoreticalBound(scenario(workers, twoQueries)).minLatencyMs, 40 + 2 * ormGet, 'sync worker, CONN_MAX_AGE 0');
  near(
    theoreticalBound(scenario({ ...workers, persistentConnections: true }, twoQueries)).minLatencyMs,
    20 + 2 * ormGet,
    'sync worker, CONN_MAX_AGE None: connected before, not charged per request',
  );
  // Ten users on per-request threads, two connections allowed: the paragraph says queries will fail.
  const limited = theoreticalBound(scenario({ ...asgi, dbMaxConnections: 2 }, twoQueries));
  assert.match(
    limited.explanation,
    /With 10 users, each request's own thread can hold a database connection at once, more than the database's max_connections of 2/,
  );
  const enough = theoreticalBound(scenario({ ...asgi, dbMaxConnections: 10 }, twoQueries));
  assert.doesNotMatch(enough.explanation, /max_connections/);
});

test('gunicorn --timeout 1 with time.sleep(2) on 2 sync workers: each request aborted at 1.5 s, its worker back at 1.69 s, 8 requests in 4 waves', () => {
  const b = theoreticalBound(
    scenario(
      { model: 'sync-workers', workers: 2, workerTimeoutS: 1 },
      { view: 'sync', steps: [{ kind: 'block', ms: 2000 }] },
      { concurrency: 4, end: { kind: 'requests', count: 8 } },
    ),
  );
  // The arbiter's look comes up to a second past the timeout, counted as half a second: 1 + 0.5 s.
  near(b.minLatencyMs, 1500, 'aborted at the look after the timeout');
  // Three waves hold a worker for 1.5 s + its replacement's 0.07 s exit and 0.12 s boot; the
  // last ends at its abort: 3 × 1690 + 1500 = 6570 ms.
  near(b.expectedMakespanMs, 6570, 'four waves of two');
  assert.match(b.explanation, /Every request takes longer than gunicorn's --timeout \(1 s\)/);
  assert.match(b.explanation, /up to a second past the timeout \(counted as 500 ms\).*replaced 190 ms later/);
  const gthread = theoreticalBound(
    scenario(
      { model: 'gthread', workers: 1, threads: 2, workerTimeoutS: 1 },
      { view: 'sync', steps: [{ kind: 'block', ms: 2000 }] },
    ),
  );
  near(gthread.minLatencyMs, 2000, 'gthread: no timeout for a long request');
});

test('a pool of 2 connections: each request holds one from its first query to its end; 2 / 40 ms = 50 req/s', () => {
  const b = theoreticalBound(
    scenario(
      { ...asgi, django: '5.2', dbPool: 2 },
      {
        view: 'async',
        steps: [
          { kind: 'await', ms: 10 },
          { kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 10 } },
          { kind: 'await', ms: 30 },
        ],
      },
    ),
  );
  near(b.minLatencyMs, 50 + ormGet, 'await 10 + query 10 and its Python + await 30');
  assert.equal(b.limitingResource, 'connections');
  near(
    b.maxThroughputRps,
    2000 / (40 + ormGet),
    'held 40.14 ms (the query, its Python and the await after it), 2 of them',
  );
  assert.match(
    b.explanation,
    /Each request holds one of the pool's connections \(2 a process\) from its first query to its end, 40\.1 ms; the others wait for one: at most 49\.8 req\/s/,
  );
});

test('a pool of 4 past max_connections 2: only 2 connections open, and no query fails; 2 / 40 ms = 50 req/s', () => {
  const b = theoreticalBound(
    scenario(
      { ...asgi, django: '5.2', dbPool: 4, dbMaxConnections: 2 },
      {
        view: 'async',
        steps: [
          { kind: 'await', ms: 10 },
          { kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 10 } },
          { kind: 'await', ms: 30 },
        ],
      },
    ),
  );
  assert.equal(b.limitingResource, 'connections');
  near(b.maxThroughputRps, 2000 / (40 + ormGet), 'the same 40.14 ms held, on the 2 connections that opened');
  assert.match(b.explanation, /\(4 a process, of which the database's max_connections lets 2 open\)/);
  assert.match(
    b.explanation,
    /The pool's 4 connections are more than the database's max_connections of 2: the pool opens 2, .* so no request fails for it/,
  );
  assert.doesNotMatch(b.explanation, /OperationalError/);
});

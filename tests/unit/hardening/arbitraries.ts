/**
 * fast-check generators for the fuzz tests.
 *
 * - `nastyValue`: what a broken file or a hostile page puts where a number or a name belongs.
 * - `mutatedScenario`: a preset with one field, anywhere in it, replaced by a nasty value: unlike
 *   arbitrary JSON, this reaches the deep checks (a step's duration, a gather's children).
 * - `quickScenario`: scenarios drawn from the schema's own choices (every server model,
 *   executor, step kind, fault and load model) but small: steps of at most 20 ms (upstream
 *   timeouts of at most 50 ms), at most 3 steps of which a gather holds 2, at most 20 requests
 *   or 0.3 s. Even one thread serving all of it one request at a time then takes a few seconds.
 *   One endpoint in ten may be invalid on purpose (an await in a sync view): validation must
 *   refuse those, and the engine must run everything else.
 */
import fc from 'fast-check';
import { PRESETS } from '../../../shared/presets.ts';
import {
  ARRIVALS,
  DB_QUERIES,
  EXECUTORS,
  SERVER_MODELS,
  UPSTREAM_FAULTS,
  VIEW_KINDS,
  type ScenarioInput,
} from '../../../shared/scenario.ts';

export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -1,
    0,
    -0,
    1e308,
    2 ** 53 + 1,
    '',
    '__proto__',
    null,
    undefined,
    true,
    [],
    {},
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 300 }),
  fc.anything({ maxDepth: 3 }),
);

type Path = (string | number)[];

/** Every path to a value inside `value` (objects and arrays included, the root excluded). */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsOf(child, path)];
  });
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]] = value;
  return copy;
}

export const mutatedScenario: fc.Arbitrary<unknown> = fc
  .constantFrom(...PRESETS.map((p) => p.scenario))
  .chain((scenario) => {
    const paths = pathsOf(scenario);
    return fc.tuple(fc.constantFrom(...paths), nastyValue).map(([path, value]) => setAt(scenario, path, value));
  });

const stepMs = fc.double({ min: 0, max: 20, noNaN: true });
const blocking = fc.record({ kind: fc.constantFrom('block' as const, 'cpu' as const), ms: stepMs });
const db = fc.record({ kind: fc.constant('db' as const), query: fc.constantFrom(...DB_QUERIES), ms: stepMs });
const upstream = fc.record({
  kind: fc.constant('upstream' as const),
  ms: stepMs,
  fault: fc.constantFrom(...UPSTREAM_FAULTS),
  timeoutMs: fc.integer({ min: 1, max: 50 }),
  blocking: fc.boolean(),
});
const offloadable = fc.oneof(blocking, db, upstream);
const leaf = fc.oneof(
  fc.record({ kind: fc.constant('await' as const), ms: stepMs }),
  offloadable,
  fc.record({ kind: fc.constant('offload' as const), step: offloadable }),
);
const step = fc.oneof(
  leaf,
  fc.record({ kind: fc.constant('gather' as const), steps: fc.array(leaf, { minLength: 1, maxLength: 2 }) }),
);

const load = fc.oneof(
  fc.record({
    model: fc.constant('closed' as const),
    concurrency: fc.integer({ min: 1, max: 20 }),
    thinkMs: stepMs,
  }),
  fc.record({
    model: fc.constant('open' as const),
    // At least 10 a second, so 20 requests arrive within 2 s; at most 60, so 0.3 s sends few.
    rateRps: fc.double({ min: 10, max: 60, noNaN: true }),
    arrival: fc.constantFrom(...ARRIVALS),
    maxInFlight: fc.integer({ min: 1, max: 20 }),
  }),
);
const end = fc.oneof(
  fc.record({ kind: fc.constant('requests' as const), count: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('duration' as const), seconds: fc.double({ min: 0.1, max: 0.3, noNaN: true }) }),
);

const weight = fc.double({ min: 0.1, max: 10, noNaN: true });
const endpoint = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ view: fc.constant('async' as const), weight, steps: fc.array(step, { maxLength: 3 }) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      view: fc.constant('sync' as const),
      weight,
      steps: fc.array(offloadable, { maxLength: 3 }),
    }),
  },
  // Mostly invalid (a sync view that awaits, gathers or offloads): for validation to refuse.
  {
    weight: 1,
    arbitrary: fc.record({ view: fc.constantFrom(...VIEW_KINDS), weight, steps: fc.array(step, { maxLength: 3 }) }),
  },
);

export const quickScenario: fc.Arbitrary<ScenarioInput> = fc.record({
  server: fc.record({
    // The shapes the model engine runs (async-workers runs on real Django only).
    model: fc.constantFrom(...SERVER_MODELS.filter((m) => m !== 'async-workers')),
    workers: fc.integer({ min: 1, max: 8 }),
    threads: fc.integer({ min: 1, max: 3 }),
    executor: fc.constantFrom(...EXECUTORS),
    poolThreads: fc.integer({ min: 1, max: 8 }),
    gil: fc.boolean(),
  }),
  endpoints: fc
    .array(endpoint, { minLength: 1, maxLength: 3 })
    .map((endpoints) => endpoints.map((e, i) => ({ ...e, name: `e${i}` }))),
  load: fc
    .tuple(load, end, fc.integer({ min: 100, max: 2_000 }))
    .map(([l, e, timeoutMs]) => ({ ...l, end: e, timeoutMs })),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

/**
 * The slider panel's model: a handful of knobs read from a preset's scenario and written back
 * into a copy of it (apply-knobs.ts). Reading then writing unchanged knobs gives back the
 * preset's own steps, so picking a preset and pressing Run runs exactly that preset.
 *
 * What each knob means for the steps:
 * - latency: the longest wait (await, block, db, upstream, wherever it stands) equals the knob;
 *   every wait is scaled by the same factor, so their proportions stay.
 * - blocking share: for async views, the part of each wait that holds the thread (time.sleep,
 *   requests.get, a sync ORM call) instead of freeing it (await). Offloaded steps are not
 *   counted: sync_to_async already moves them off the loop. db steps called directly always
 *   block, so they are left out of the share too.
 * - CPU: total computation per request on the heaviest endpoint; all cpu steps scale together.
 */
import {
  scenarioSchema,
  type DjangoVersion,
  type Executor,
  type Scenario,
  type ServerModel,
  type Step,
} from '../../../shared/scenario.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';

export interface Knobs {
  serverModel: ServerModel;
  workers: number;
  /** gthread: threads per worker process. */
  threads: number;
  /** The Django the model behaves as; choosing it sets the executor (see djangoExecutor). */
  django: DjangoVersion;
  executor: Executor;
  poolThreads: number;
  gil: boolean;
  /** The server's and Django's own Python around each view, charged as real Django pays it. */
  frameworkPython: boolean;
  /** DJANGO_ALLOW_ASYNC_UNSAFE: the sync ORM in an async view runs (blocking) instead of raising. */
  allowAsyncUnsafe: boolean;
  /** A sync-only middleware in MIDDLEWARE. */
  syncMiddleware: boolean;
  /** Opening a database connection, ms (0: free, as SQLite's). */
  dbConnectMs: number;
  /** Whether the database limits its connections, and to how many (`max_connections`). */
  limitConnections: boolean;
  dbMaxConnections: number;
  /** CONN_MAX_AGE = None: a thread keeps its connection between requests. */
  persistentConnections: boolean;
  /** Django 5.1's connection pool, and its size a process. */
  usePool: boolean;
  dbPool: number;
  /** Longest wait step, ms. */
  latencyMs: number;
  /** 0..1, see the top of this file. */
  blockingShare: number;
  /** CPU time per request on the heaviest endpoint, ms. */
  cpuMs: number;
  loadModel: 'closed' | 'open';
  concurrency: number;
  rateRps: number;
  endKind: 'requests' | 'duration';
  requestCount: number;
  durationSeconds: number;
}

type AnyStep = Step | Extract<Step, { kind: 'gather' }>['steps'][number];

/** Every step, including those inside gathers and offloads, with whether it runs inside an offload. */
export function* walkSteps(
  steps: readonly AnyStep[],
  offloaded = false,
): Generator<{ step: AnyStep; offloaded: boolean; inGather: boolean }> {
  for (const step of steps) {
    yield { step, offloaded, inGather: false };
    if (step.kind === 'offload') yield { step: step.step, offloaded: true, inGather: false };
    if (step.kind === 'gather') {
      for (const child of step.steps) {
        yield { step: child, offloaded, inGather: true };
        if (child.kind === 'offload') yield { step: child.step, offloaded: true, inGather: true };
      }
    }
  }
}

const WAIT_KINDS = new Set(['await', 'block', 'db', 'upstream']);

/** Longest wait of any endpoint, ms (0 when the scenario never waits). */
export function longestWaitMs(s: Scenario): number {
  let longest = 0;
  for (const e of s.endpoints)
    for (const { step } of walkSteps(e.steps))
      if (WAIT_KINDS.has(step.kind) && 'ms' in step) longest = Math.max(longest, step.ms);
  return longest;
}

export function hasWaits(s: Scenario): boolean {
  return s.endpoints.some((e) => [...walkSteps(e.steps)].some(({ step }) => WAIT_KINDS.has(step.kind)));
}

/** CPU ms per request on the heaviest endpoint. */
export function cpuPerRequestMs(s: Scenario): number {
  let heaviest = 0;
  for (const e of s.endpoints) {
    let total = 0;
    for (const { step } of walkSteps(e.steps)) if (step.kind === 'cpu') total += step.ms;
    heaviest = Math.max(heaviest, total);
  }
  return heaviest;
}

/** Milliseconds of the thread-holding and thread-freeing waits the blocking share governs. */
export function shareableWaits(s: Scenario): { blocking: number; total: number } {
  let blocking = 0;
  let total = 0;
  for (const e of s.endpoints) {
    if (e.view !== 'async') continue;
    for (const { step, offloaded } of walkSteps(e.steps)) {
      if (offloaded) continue;
      if (step.kind === 'block' || (step.kind === 'upstream' && step.blocking)) blocking += step.ms;
      if (step.kind === 'block' || step.kind === 'await' || step.kind === 'upstream') total += step.ms;
    }
  }
  return { blocking, total };
}

/** Whether the blocking share can change anything: some async view waits outside an offload. */
export function blockingShareApplies(s: Scenario): boolean {
  return s.endpoints.some(
    (e) =>
      e.view === 'async' &&
      [...walkSteps(e.steps)].some(
        ({ step, offloaded }) =>
          !offloaded && (step.kind === 'await' || step.kind === 'block' || step.kind === 'upstream'),
      ),
  );
}

/** Fill in the schema's defaults, so every knob has a value to start from. */
export function withDefaults(input: ScenarioInput): Scenario {
  return scenarioSchema.parse(input);
}

/** PostgreSQL's default `max_connections`: where the limit starts when it is first turned on. */
const DEFAULT_MAX_CONNECTIONS = 100;
/** psycopg_pool's default size (`min_size` 4, `max_size` the same): Django's `"pool": True`. */
const DEFAULT_POOL_SIZE = 4;

/** The Django an executor reads as when a scenario names none: one thread is 3.x's, the rest 5.2's. */
export function impliedDjango(executor: Executor): DjangoVersion {
  return executor === 'one-thread' ? '3.2' : '5.2';
}

export function knobsFrom(s: Scenario): Knobs {
  const waits = shareableWaits(s);
  return {
    serverModel: s.server.model,
    workers: s.server.workers,
    threads: s.server.threads,
    django: s.server.django ?? impliedDjango(s.server.executor),
    executor: s.server.executor,
    poolThreads: s.server.poolThreads,
    gil: s.server.gil,
    frameworkPython: s.server.frameworkPython,
    allowAsyncUnsafe: s.server.allowAsyncUnsafe,
    syncMiddleware: s.server.syncMiddleware ?? false,
    dbConnectMs: s.server.dbConnectMs ?? 0,
    limitConnections: s.server.dbMaxConnections !== undefined,
    dbMaxConnections: s.server.dbMaxConnections ?? DEFAULT_MAX_CONNECTIONS,
    persistentConnections: s.server.persistentConnections ?? false,
    usePool: s.server.dbPool !== undefined,
    dbPool: s.server.dbPool ?? DEFAULT_POOL_SIZE,
    latencyMs: longestWaitMs(s),
    blockingShare: waits.total > 0 ? waits.blocking / waits.total : 0,
    cpuMs: cpuPerRequestMs(s),
    loadModel: s.load.model,
    concurrency: s.load.concurrency,
    rateRps: s.load.rateRps,
    endKind: s.load.end.kind,
    requestCount: s.load.end.kind === 'requests' ? s.load.end.count : 200,
    durationSeconds: s.load.end.kind === 'duration' ? s.load.end.seconds : 5,
  };
}

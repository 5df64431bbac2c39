/**
 * Writing the slider panel's knobs back into a copy of the preset's scenario (see knobs.ts for
 * what each knob means). Pure: the same base and knobs always give the same scenario, and
 * knobs read from the base give the base back.
 */
import type { Endpoint, GatherStep, LeafStep, Scenario, Step } from '../../../shared/scenario.ts';
import { cpuPerRequestMs, impliedDjango, knobsFrom, longestWaitMs, type Knobs } from './knobs.ts';

// Scaling and splitting leave float noise (0.3 × 100 = 30.000000000000004); twelve significant
// digits drop the noise and keep a typed 123.456 ms exact (rounding to 0.1 ms made it 123.5).
const round = (ms: number) => Number(ms.toPrecision(12));
const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

type Leafish = Step | LeafStep;

function mapLeaves<T extends Leafish>(step: T, fn: (s: Leafish) => Leafish): T {
  if (step.kind === 'gather') return { ...step, steps: step.steps.map((c) => mapLeaves(c, fn) as LeafStep) };
  if (step.kind === 'offload') return { ...step, step: fn(step.step) as typeof step.step };
  return fn(step) as T;
}

function scaleWaits(steps: Step[], factor: number, toMs: number | null): Step[] {
  return steps.map((step) =>
    mapLeaves(step, (s) => {
      if (s.kind !== 'await' && s.kind !== 'block' && s.kind !== 'db' && s.kind !== 'upstream') return s;
      return { ...s, ms: toMs ?? round(s.ms * factor) };
    }),
  );
}

function scaleCpu(steps: Step[], factor: number): Step[] {
  return steps.map((step) => mapLeaves(step, (s) => (s.kind === 'cpu' ? { ...s, ms: round(s.ms * factor) } : s)));
}

/** A wait of `ms` in an async view, split by the share: the blocking part first, then the await. */
function splitWait(ms: number, share: number): Step[] {
  const blockMs = round(ms * share);
  const awaitMs = round(ms - blockMs);
  const out: Step[] = [];
  if (blockMs > 0) out.push({ kind: 'block', ms: blockMs });
  if (awaitMs > 0) out.push({ kind: 'await', ms: awaitMs });
  return out.length ? out : [{ kind: share >= 0.5 ? 'block' : 'await', ms: 0 }];
}

/**
 * Inside a gather a call cannot be half blocking (its children start together), and an HTTP
 * call is either `requests.get` or an async client: those switch at a share of 50%.
 */
function applyShare(steps: Step[], share: number): Step[] {
  const blocking = share >= 0.5;
  const child = (s: LeafStep): LeafStep => {
    if (s.kind === 'await' || s.kind === 'block') return { kind: blocking ? 'block' : 'await', ms: s.ms };
    if (s.kind === 'upstream') return { ...s, blocking };
    return s;
  };
  return steps.flatMap((s): Step[] => {
    if (s.kind === 'await' || s.kind === 'block') return splitWait(s.ms, share);
    if (s.kind === 'upstream') return [{ ...s, blocking }];
    if (s.kind === 'gather') return [{ ...s, steps: s.steps.map(child) } satisfies GatherStep];
    return [s];
  });
}

function editEndpoint(e: Endpoint, base: Scenario, knobs: Knobs, before: Knobs): Endpoint {
  let steps = e.steps;
  const longest = longestWaitMs(base);
  if (!same(knobs.latencyMs, before.latencyMs))
    steps = scaleWaits(steps, longest > 0 ? knobs.latencyMs / longest : 1, longest > 0 ? null : knobs.latencyMs);
  if (e.view === 'async' && !same(knobs.blockingShare, before.blockingShare))
    steps = applyShare(steps, knobs.blockingShare);
  if (!same(knobs.cpuMs, before.cpuMs)) {
    const heaviest = cpuPerRequestMs(base);
    steps = heaviest > 0 ? scaleCpu(steps, knobs.cpuMs / heaviest) : [...steps, { kind: 'cpu', ms: knobs.cpuMs }];
  }
  return { ...e, steps };
}

/** The connection settings the knobs say, each absent while it is off and the base had none. */
function connectionFields(base: Scenario, knobs: Knobs): Partial<Scenario['server']> {
  const out: Partial<Scenario['server']> = {};
  if (knobs.dbConnectMs !== 0 || base.server.dbConnectMs !== undefined) out.dbConnectMs = knobs.dbConnectMs;
  if (knobs.limitConnections) out.dbMaxConnections = knobs.dbMaxConnections;
  if (knobs.persistentConnections || base.server.persistentConnections !== undefined)
    out.persistentConnections = knobs.persistentConnections;
  if (knobs.usePool) out.dbPool = knobs.dbPool;
  return out;
}

/** The base scenario with the knobs applied. */
export function applyKnobs(base: Scenario, knobs: Knobs): Scenario {
  const before = knobsFrom(base);
  // Named only when it says more than the executor does, so an unnamed scenario stays unnamed.
  const named = base.server.django !== undefined || knobs.django !== impliedDjango(knobs.executor);
  const {
    django: _django,
    syncMiddleware: _syncMiddleware,
    dbConnectMs: _connect,
    dbMaxConnections: _max,
    persistentConnections: _persistent,
    dbPool: _pool,
    connectionProcesses: placed,
    ...server
  } = base.server;
  // A placement of connections on uvicorn's processes holds only for the same processes.
  const keepsPlacement = placed && knobs.serverModel === 'async-workers' && knobs.workers === base.server.workers;
  // Absent unless on, as a scenario that never had one stays the same scenario.
  const middleware = knobs.syncMiddleware || base.server.syncMiddleware !== undefined;
  return {
    ...base,
    server: {
      ...server,
      ...(named ? { django: knobs.django } : {}),
      model: knobs.serverModel,
      workers: knobs.workers,
      threads: knobs.threads,
      executor: knobs.executor,
      poolThreads: knobs.poolThreads,
      gil: knobs.gil,
      frameworkPython: knobs.frameworkPython,
      allowAsyncUnsafe: knobs.allowAsyncUnsafe,
      ...(middleware ? { syncMiddleware: knobs.syncMiddleware } : {}),
      ...connectionFields(base, knobs),
      ...(keepsPlacement ? { connectionProcesses: placed } : {}),
    },
    endpoints: base.endpoints.map((e) => editEndpoint(e, base, knobs, before)),
    load: {
      ...base.load,
      model: knobs.loadModel,
      concurrency: knobs.concurrency,
      rateRps: knobs.rateRps,
      end:
        knobs.endKind === 'requests'
          ? { kind: 'requests', count: knobs.requestCount }
          : { kind: 'duration', seconds: knobs.durationSeconds },
    },
  };
}

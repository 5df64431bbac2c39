/**
 * `interleave run` flags → a scenario. A preset or a scenario file is the base; the quick flags
 * override it, so a one-liner in CI can ask "the classic mistake, but with 4 sync workers".
 * The result is validated by the scenario schema, whose messages name field, value and limit.
 */
import { readFileSync } from 'node:fs';
import { MAX_RUN_NAME_CHARS } from '../../shared/limits.ts';
import { findPreset, PRESETS } from '../../shared/presets.ts';
import {
  DJANGO_VERSIONS,
  EXECUTORS,
  djangoExecutor,
  type DjangoVersion,
  SERVER_MODELS,
  VIEW_KINDS,
  scenarioSchema,
  type LeafStep,
  type OffloadableStep,
  type Scenario,
  type ScenarioInput,
  type Step,
} from '../../shared/scenario.ts';
import { parseOrExplain } from '../../shared/validation.ts';
import { describeStep, modelLabel } from '../../shared/analysis/describe-scenario.ts';
import { UsageError } from './cli-error.ts';
import { SERVER_SETTING_FLAGS } from './server-flags.ts';
import { applyUrlFlags, type UrlFlags } from './url-flags.ts';

const STEP_FLAG_KINDS = ['await', 'block', 'cpu', 'db', 'upstream', 'offload'] as const;
const INNER_KINDS = ['block', 'cpu', 'db', 'upstream'] as const;

export interface RunFlags extends UrlFlags {
  preset?: string;
  scenario?: string;
  server?: string;
  workers?: string;
  view?: string;
  executor?: string;
  threads?: string;
  gil?: string;
  'framework-python'?: string;
  step?: string;
  latency?: string;
  inner?: string;
  gather?: string;
  concurrency?: string;
  requests?: string;
  rate?: string;
  arrival?: string;
  duration?: string;
  think?: string;
  'max-in-flight'?: string;
  'limit-concurrency'?: string;
  backlog?: string;
  'worker-timeout'?: string;
  'allow-async-unsafe'?: boolean;
  'sync-middleware'?: boolean;
  'db-connect'?: string;
  'db-max-connections'?: string;
  'persistent-connections'?: boolean;
  'db-pool'?: string;
  on?: string;
  django?: string;
}

/** Where `interleave run` runs: the model, real Django, or both back to back (then compared). */
export const RUN_ON = ['model', 'django', 'both'] as const;
export type RunOn = (typeof RUN_ON)[number];

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} is "${value}"; allowed: ${allowed.join(', ')}`);
}

function number(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${flag} must be a number; got "${value}"`);
  return n;
}

function readScenarioFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the scenario file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the scenario file ${file} is not JSON: ${(error as Error).message}`);
  }
}

function baseScenario(flags: RunFlags): ScenarioInput {
  if (flags.preset && flags.scenario) throw new UsageError('give --preset or --scenario, not both');
  if (flags.scenario) return readScenarioFile(flags.scenario) as ScenarioInput;
  // Your own server: no preset's views or load, only the command line's defaults.
  if (flags.url && !flags.preset) return {} as ScenarioInput;
  const id = flags.preset ?? 'async-await';
  const preset = findPreset(id);
  if (!preset) throw new UsageError(`there is no preset "${id}"; presets: ${PRESETS.map((p) => p.id).join(', ')}`);
  return structuredClone(preset.scenario);
}

function stepFromFlags(
  kind: (typeof STEP_FLAG_KINDS)[number],
  ms: number,
  inner: (typeof INNER_KINDS)[number],
): LeafStep {
  const leaf = (k: (typeof INNER_KINDS)[number]): OffloadableStep =>
    k === 'db'
      ? { kind: 'db', query: 'product-get', ms }
      : k === 'upstream'
        ? ({ kind: 'upstream', ms } as OffloadableStep)
        : { kind: k, ms };
  if (kind === 'offload') return { kind: 'offload', step: leaf(inner) };
  if (kind === 'await') return { kind: 'await', ms };
  return leaf(kind) as LeafStep;
}

/** Set every duration in the view's steps to `ms` (used by --latency without --step). */
function withLatency(step: Step, ms: number): Step {
  if (step.kind === 'gather') return { ...step, steps: step.steps.map((s) => withLatency(s, ms) as LeafStep) };
  if (step.kind === 'offload') return { ...step, step: { ...step.step, ms } };
  return { ...step, ms };
}

/**
 * `--django 3.2|4.2|5.2`: the model behaves as that Django (its thread-sensitive executor, unless
 * --executor says otherwise or the server already uses a pool), and with --on django or both the
 * run uses a Python with that Django. `newest` only picks a Python, so it needs --on.
 */
function applyDjangoFlag(server: Record<string, unknown>, django: string, executorGiven: boolean, on?: RunOn): void {
  if (django === 'newest') {
    if (on !== 'django' && on !== 'both') throw new UsageError('--django newest goes with --on django or --on both');
    return;
  }
  server.django = oneOf('django', django, DJANGO_VERSIONS);
  if (!executorGiven && server.executor !== 'pool') server.executor = djangoExecutor(server.django as DjangoVersion);
}

export function scenarioFromFlags(flags: RunFlags): Scenario {
  // An empty value (`--workers ""`, an unset shell variable) would otherwise be skipped silently.
  for (const [flag, value] of Object.entries(flags))
    if (value === '' || (Array.isArray(value) && value.includes(''))) throw new UsageError(`--${flag} needs a value`);
  const s = baseScenario(flags) as ScenarioInput & Record<string, unknown>;
  if (!s || typeof s !== 'object' || Array.isArray(s)) return parseOrExplain(scenarioSchema, s, 'The scenario');
  applyUrlFlags(s, flags as RunFlags & Record<string, unknown>);
  const server = (s.server ??= { model: 'async' }) as Record<string, unknown>;
  const load = (s.load ??= { model: 'closed', end: { kind: 'requests', count: 10 } }) as Record<string, unknown>;
  if (flags.server) server.model = oneOf('server', flags.server, SERVER_MODELS);
  if (flags.workers) server.workers = number('workers', flags.workers);
  if (flags.executor) server.executor = oneOf('executor', flags.executor, EXECUTORS);
  if (flags.threads && server.model === 'gthread') server.threads = number('threads', flags.threads);
  else if (flags.threads) {
    server.poolThreads = number('threads', flags.threads);
    if (!flags.executor) server.executor = 'pool';
  }
  if (flags['limit-concurrency']) server.limitConcurrency = number('limit-concurrency', flags['limit-concurrency']);
  if (flags.backlog) server.backlog = number('backlog', flags.backlog);
  if (flags['worker-timeout']) server.workerTimeoutS = number('worker-timeout', flags['worker-timeout']);
  if (flags['allow-async-unsafe']) server.allowAsyncUnsafe = true;
  if (flags['sync-middleware']) server.syncMiddleware = true;
  if (flags['db-connect']) server.dbConnectMs = number('db-connect', flags['db-connect']);
  if (flags['db-max-connections']) server.dbMaxConnections = number('db-max-connections', flags['db-max-connections']);
  if (flags['persistent-connections']) server.persistentConnections = true;
  if (flags['db-pool']) server.dbPool = number('db-pool', flags['db-pool']);
  if (flags.gil) server.gil = oneOf('gil', flags.gil, ['on', 'off'] as const) === 'on';
  if (flags['framework-python'])
    server.frameworkPython = oneOf('framework-python', flags['framework-python'], ['on', 'off'] as const) === 'on';
  const on = flags.on ? oneOf('on', flags.on, RUN_ON) : undefined;
  if (flags.django) applyDjangoFlag(server, flags.django, flags.executor !== undefined, on);
  if (on === 'django' || on === 'both')
    s.target = { kind: 'django', ...(flags.django ? { django: flags.django } : {}) };
  else if (on === 'model') s.target = { kind: 'model' };

  const latency = flags.latency === undefined ? undefined : number('latency', flags.latency);
  if (flags.inner && flags.step !== 'offload') throw new UsageError('--inner goes with --step offload');
  if (flags.gather && !flags.step)
    throw new UsageError('--gather goes with --step (the view gathers N copies of that step)');
  if (Array.isArray(s.endpoints) && (flags.step || latency !== undefined || flags.view)) {
    if (flags.step) {
      const kind = oneOf('step', flags.step, STEP_FLAG_KINDS);
      const inner = flags.inner ? oneOf('inner', flags.inner, INNER_KINDS) : 'block';
      const step = stepFromFlags(kind, latency ?? 100, inner);
      const copies = flags.gather ? number('gather', flags.gather) : 0;
      if (flags.gather && (!Number.isInteger(copies) || copies < 1)) {
        throw new UsageError(`--gather is "${flags.gather}"; allowed a whole number of copies, at least 1`);
      }
      const steps: Step[] =
        copies > 0 ? [{ kind: 'gather', steps: Array.from({ length: copies }, () => step) }] : [step];
      const view = flags.view ? oneOf('view', flags.view, VIEW_KINDS) : 'async';
      s.endpoints = [{ name: `${kind}-view`, view, steps }];
    } else {
      s.endpoints = s.endpoints.map((e) => ({
        ...e,
        ...(flags.view ? { view: oneOf('view', flags.view, VIEW_KINDS) } : {}),
        ...(latency !== undefined ? { steps: (e.steps as Step[]).map((st) => withLatency(st, latency)) } : {}),
      }));
    }
  }

  if (flags.concurrency && flags.rate)
    throw new UsageError('give --concurrency (closed load) or --rate (open load), not both');
  if (flags.concurrency)
    Object.assign(load, { model: 'closed', concurrency: number('concurrency', flags.concurrency) });
  if (flags.rate) Object.assign(load, { model: 'open', rateRps: number('rate', flags.rate) });
  if (flags.arrival) load.arrival = oneOf('arrival', flags.arrival, ['constant', 'poisson'] as const);
  if (flags.think) load.thinkMs = number('think', flags.think);
  if (flags['max-in-flight']) load.maxInFlight = number('max-in-flight', flags['max-in-flight']);
  if (flags.requests && flags.duration) throw new UsageError('give --requests or --duration, not both');
  if (flags.requests) load.end = { kind: 'requests', count: number('requests', flags.requests) };
  if (flags.duration) load.end = { kind: 'duration', seconds: number('duration', flags.duration) };
  const scenario = parseOrExplain(scenarioSchema, s, 'The scenario');
  // Overrides change what the preset's name promised: name the run after what it now is.
  const overridden = SERVER_SETTING_FLAGS.some((f) => flags[f] !== undefined);
  if (overridden && !flags.scenario) {
    const steps = scenario.endpoints[0].steps.map(describeStep).join(', ');
    scenario.name = `${steps} — ${modelLabel(scenario)}`.slice(0, MAX_RUN_NAME_CHARS);
  }
  return scenario;
}

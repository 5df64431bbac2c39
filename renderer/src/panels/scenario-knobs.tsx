/**
 * The slider panel: server model, threads, the view's waits and CPU, and the load. Knobs that
 * do not apply to the current model stay in place, disabled, with the reason on hover, so the
 * panel never reflows while someone is dragging.
 */
import { memo } from 'react';
import {
  DJANGO_VERSIONS,
  EXECUTORS,
  SERVER_MODELS,
  djangoExecutor,
  type DjangoVersion,
  type Scenario,
} from '../../../shared/scenario.ts';
import { KNOB_LIMITS, type KnobName } from '../scenario/knob-limits.ts';
import { blockingShareApplies, hasWaits, type Knobs } from '../scenario/knobs.ts';
import type { RunOnAvailability, RunOnChoice } from '../scenario/run-on.ts';
import type { TypedText } from '../scenario/typed-knobs.ts';
import { KnobSlider } from './knob-slider.tsx';
import { callsSyncOrm } from '../../../shared/synchronous-only.ts';
import { RunOnPicker } from './run-on-picker.tsx';

interface Props {
  base: Scenario;
  knobs: Knobs;
  onChange: (next: Knobs) => void;
  /** What the number boxes hold, as typed. */
  typed: TypedText;
  onType: (name: KnobName, text: string) => void;
  problemsByKnob: Partial<Record<KnobName, readonly string[]>>;
  runOn: RunOnChoice;
  runOnAvailability: RunOnAvailability;
  onRunOnChange: (next: RunOnChoice) => void;
  disabled: boolean;
}

const SERVER_LABELS = {
  async: 'async: ASGI, one loop',
  'sync-workers': 'sync workers: WSGI',
  gthread: 'gthread: WSGI, threads',
} as const;
/** The shapes the model engine runs; async-workers runs on real Django only, for now. */
const MODEL_SERVER_SHAPES = SERVER_MODELS.filter((m): m is keyof typeof SERVER_LABELS => m in SERVER_LABELS);
const EXECUTOR_LABELS = {
  'per-request': 'a thread per request',
  'one-thread': 'one shared thread',
  pool: 'a pool of threads',
} as const;

const HELP = {
  latency:
    'The longest wait of the view (await, sleep, db round trip, upstream call). Every wait is scaled by the same factor, so their proportions stay.',
  blocking:
    'How much of each wait in an async view holds its thread (time.sleep, requests.get) instead of freeing it (await). 30% turns await 100 ms into block 30 ms + await 70 ms. An upstream call, or a wait inside asyncio.gather, is one or the other: it counts as blocking from 50%. Offloaded steps (sync_to_async) are left alone.',
  cpu: 'CPU time per request (serialising, templating) on the heaviest endpoint; it needs the interpreter lock. Adds a cpu step if the view had none.',
  django:
    "The Django version the model behaves as. 3.2: every thread-sensitive call (sync_to_async, the async ORM, the handler's own request_started) shares one thread for the process. 4.2 and 5.2: each request in flight has its own. Sets the executor below.",
  workers: 'gunicorn worker processes: a sync worker serves one request at a time; a gthread worker one per thread.',
  threads:
    "gthread's --threads: threads per worker process, each serving one request; a process's threads share its interpreter lock.",
  pool: 'Threads of the executor pool (run_in_executor, thread_sensitive=False).',
  asyncUnsafe:
    "Off (Django's default): the sync ORM called inside async def raises SynchronousOnlyOperation, a 500, before any query. On: the query runs on the event loop, blocking it.",
  syncMiddleware:
    'An old-style middleware that cannot run async: Django calls it through sync_to_async(thread_sensitive=True) and the view below it back on the loop, so each request holds its thread-sensitive thread for its whole length. On Django 3.x that is one thread for the process: every request waits its turn.',
  noSyncOrm: 'No async view here calls the sync ORM directly: the setting changes nothing.',
  yourServer: 'A URL run sends its load to your own server: the server and view settings describe nothing there.',
} as const;

/** Choosing a Django sets the executor it implies; a pool (thread_sensitive=False) is kept. */
function withDjango(knobs: Knobs, django: DjangoVersion): Knobs {
  return { ...knobs, django, executor: knobs.executor === 'pool' ? 'pool' : djangoExecutor(django) };
}

export const ScenarioKnobs = memo(function ScenarioKnobs({
  base,
  knobs,
  onChange,
  typed,
  onType,
  problemsByKnob,
  runOn,
  runOnAvailability,
  onRunOnChange,
  disabled,
}: Props) {
  const set = <K extends keyof Knobs>(key: K, value: Knobs[K]) => onChange({ ...knobs, [key]: value });
  // What every number box shares: its text as typed, its messages, where typing goes.
  const box = (name: KnobName) => ({
    limit: KNOB_LIMITS[name],
    typed: typed[name],
    problems: problemsByKnob[name],
    onType: (text: string) => onType(name, text),
  });
  const asyncServer = knobs.serverModel === 'async';
  const callsOrm = base.endpoints.some((e) => e.view === 'async' && e.steps.some(callsSyncOrm));
  // A URL run's server is yours: these settings describe nothing, only the load applies.
  const yourServer = runOn.runOn === 'url';
  const notYours = yourServer ? HELP.yourServer : undefined;
  return (
    <section className="panel knobs" aria-labelledby="knobs-heading">
      <h2 id="knobs-heading">Settings</h2>
      <fieldset className="knob-group" disabled={disabled}>
        <RunOnPicker choice={runOn} availability={runOnAvailability} onChange={onRunOnChange} />
      </fieldset>
      <fieldset className="knob-group" disabled={disabled || yourServer} title={notYours}>
        <div className="knob">
          <label
            htmlFor="knob-server"
            title="async: uvicorn running one event loop (ASGI). sync workers: gunicorn's sync worker processes (WSGI). gthread: gunicorn -k gthread, worker processes of several threads (WSGI)."
          >
            Server
          </label>
          <select
            id="knob-server"
            value={knobs.serverModel}
            onChange={(e) => set('serverModel', e.target.value as Knobs['serverModel'])}
          >
            {MODEL_SERVER_SHAPES.map((m) => (
              <option key={m} value={m}>
                {SERVER_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
        <KnobSlider
          testId="knob-workers"
          label="Workers"
          help={HELP.workers}
          {...box('workers')}
          value={knobs.workers}
          onChange={(v) => set('workers', v)}
          disabled={asyncServer}
        />
        <KnobSlider
          testId="knob-threads"
          label="Threads"
          help={HELP.threads}
          {...box('threads')}
          value={knobs.threads}
          onChange={(v) => set('threads', v)}
          disabled={knobs.serverModel !== 'gthread'}
        />
        <div className="knob">
          <label htmlFor="knob-django" title={HELP.django}>
            Django
          </label>
          <select
            id="knob-django"
            value={knobs.django}
            disabled={!asyncServer}
            onChange={(e) => onChange(withDjango(knobs, e.target.value as DjangoVersion))}
          >
            {DJANGO_VERSIONS.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div className="knob">
          <label
            htmlFor="knob-executor"
            title="Where sync_to_async runs work. A thread per request: Django ≥ 4.0 under ASGI (ThreadSensitiveContext). One shared thread: Django 3.x, or outside a request context. A pool: thread_sensitive=False or run_in_executor."
          >
            Executor
          </label>
          <select
            id="knob-executor"
            value={knobs.executor}
            disabled={!asyncServer}
            onChange={(e) => set('executor', e.target.value as Knobs['executor'])}
          >
            {EXECUTORS.map((x) => (
              <option key={x} value={x}>
                {EXECUTOR_LABELS[x]}
              </option>
            ))}
          </select>
        </div>
        <KnobSlider
          testId="knob-pool"
          label="Pool threads"
          help={HELP.pool}
          {...box('poolThreads')}
          value={knobs.poolThreads}
          onChange={(v) => set('poolThreads', v)}
          disabled={!asyncServer || knobs.executor !== 'pool'}
        />
        <div className="knob">
          <span />
          <label
            className="check"
            title="CPython's GIL: threads of one process take turns for CPU work. Off = free-threaded Python."
          >
            <input type="checkbox" checked={knobs.gil} onChange={(e) => set('gil', e.target.checked)} /> interpreter
            lock (GIL)
          </label>
        </div>
        <div className="knob">
          <span />
          <label className="check" title={HELP.syncMiddleware}>
            <input
              type="checkbox"
              data-testid="knob-sync-middleware"
              checked={knobs.syncMiddleware}
              disabled={!asyncServer || knobs.executor === 'pool'}
              onChange={(e) => set('syncMiddleware', e.target.checked)}
            />{' '}
            a sync-only middleware
          </label>
        </div>
        <div className="knob">
          <span />
          <label className="check env" title={callsOrm ? HELP.asyncUnsafe : HELP.noSyncOrm}>
            <input
              type="checkbox"
              data-testid="knob-allow-async-unsafe"
              checked={knobs.allowAsyncUnsafe}
              disabled={!callsOrm}
              onChange={(e) => set('allowAsyncUnsafe', e.target.checked)}
            />{' '}
            <code>DJANGO_ALLOW_ASYNC_UNSAFE</code>
          </label>
        </div>
      </fieldset>

      <fieldset className="knob-group" disabled={disabled || yourServer} title={notYours}>
        <KnobSlider
          testId="knob-latency"
          label="Latency"
          help={HELP.latency}
          {...box('latencyMs')}
          value={knobs.latencyMs}
          onChange={(v) => set('latencyMs', v)}
          disabled={!hasWaits(base)}
        />
        <KnobSlider
          testId="knob-blocking"
          label="Blocking share"
          help={HELP.blocking}
          {...box('blockingPercent')}
          value={knobs.blockingShare}
          displayFactor={100}
          onChange={(v) => set('blockingShare', v)}
          disabled={!blockingShareApplies(base)}
        />
        <KnobSlider
          testId="knob-cpu"
          label="CPU / request"
          help={HELP.cpu}
          {...box('cpuMs')}
          value={knobs.cpuMs}
          onChange={(v) => set('cpuMs', v)}
        />
      </fieldset>

      <fieldset className="knob-group" disabled={disabled}>
        <div className="knob">
          <label
            htmlFor="knob-load"
            title="Closed: C users, each waits for its response. Open: requests arrive at a rate whatever happens."
          >
            Load
          </label>
          <select
            id="knob-load"
            value={knobs.loadModel}
            onChange={(e) => set('loadModel', e.target.value as Knobs['loadModel'])}
          >
            <option value="closed">closed: users</option>
            <option value="open">open: arrival rate</option>
          </select>
        </div>
        {knobs.loadModel === 'closed' ? (
          <KnobSlider
            testId="knob-concurrency"
            label="Concurrency"
            {...box('concurrency')}
            value={knobs.concurrency}
            onChange={(v) => set('concurrency', v)}
          />
        ) : (
          <KnobSlider
            testId="knob-rate"
            label="Arrival rate"
            {...box('rateRps')}
            value={knobs.rateRps}
            onChange={(v) => set('rateRps', v)}
          />
        )}
        <div className="knob">
          <label htmlFor="knob-end">Run ends</label>
          <select
            id="knob-end"
            value={knobs.endKind}
            onChange={(e) => set('endKind', e.target.value as Knobs['endKind'])}
          >
            <option value="requests">after N requests</option>
            <option value="duration">after a duration</option>
          </select>
        </div>
        {knobs.endKind === 'requests' ? (
          <KnobSlider
            testId="knob-requests"
            label="Requests"
            {...box('requestCount')}
            value={knobs.requestCount}
            onChange={(v) => set('requestCount', v)}
          />
        ) : (
          <KnobSlider
            testId="knob-duration"
            label="Duration"
            {...box('durationSeconds')}
            value={knobs.durationSeconds}
            onChange={(v) => set('durationSeconds', v)}
          />
        )}
      </fieldset>
    </section>
  );
});

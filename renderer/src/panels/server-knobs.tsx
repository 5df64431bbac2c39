/**
 * The server's half of the settings: the server shape and its workers or threads, the Django
 * version and its executor, the interpreter lock, and the two Django behaviours that change
 * where work runs (a sync-only middleware, DJANGO_ALLOW_ASYNC_UNSAFE). Split from the settings
 * panel so each file holds one group of knobs.
 */
import {
  DJANGO_VERSIONS,
  EXECUTORS,
  SERVER_MODELS,
  djangoExecutor,
  hasEventLoop,
  type DjangoVersion,
  type Scenario,
} from '../../../shared/scenario.ts';
import { callsSyncOrm } from '../../../shared/synchronous-only.ts';
import type { KnobLimit, KnobName } from '../scenario/knob-limits.ts';
import type { Knobs } from '../scenario/knobs.ts';
import { KnobSlider } from './knob-slider.tsx';
import { KnobCheck } from './knob-check.tsx';

/** What a number box needs besides its value: its limits, its text as typed, its messages. */
export interface KnobBox {
  limit: KnobLimit;
  typed: string | undefined;
  problems: readonly string[] | undefined;
  onType: (text: string) => void;
}

const SERVER_LABELS = {
  async: 'async: ASGI, one loop',
  'async-workers': 'uvicorn --workers: loops',
  'sync-workers': 'sync workers: WSGI',
  gthread: 'gthread: WSGI, threads',
} as const;
/** The server shapes, in the schema's order. */
const MODEL_SERVER_SHAPES = SERVER_MODELS.filter((m): m is keyof typeof SERVER_LABELS => m in SERVER_LABELS);
const EXECUTOR_LABELS = {
  'per-request': 'a thread per request',
  'one-thread': 'one shared thread',
  pool: 'a pool of threads',
} as const;

const HELP = {
  django:
    "The Django version the model behaves as. 3.2: every thread-sensitive call (sync_to_async, the async ORM, the handler's own request_started) shares one thread for the process. 4.2 and 5.2: each request in flight has its own. Sets the executor below.",
  workers:
    'Worker processes: a gunicorn sync worker serves one request at a time, a gthread worker one per thread; a uvicorn worker (--workers) runs an event loop of its own, with its own executor and interpreter lock.',
  threads:
    "gthread's --threads: threads per worker process, each serving one request; a process's threads share its interpreter lock.",
  pool: 'Threads of the executor pool (run_in_executor, thread_sensitive=False).',
  asyncUnsafe:
    "Off (Django's default): the sync ORM called inside async def raises SynchronousOnlyOperation, a 500, before any query. On: the query runs on the event loop, blocking it.",
  syncMiddleware:
    'An old-style middleware that cannot run async: Django calls it through sync_to_async(thread_sensitive=True) and the view below it back on the loop, so each request holds its thread-sensitive thread for its whole length. On Django 3.x that is one thread for the process: every request waits its turn.',
  noSyncOrm: 'No async view here calls the sync ORM directly: the setting changes nothing.',
  frameworkPython:
    "The Python a request costs around its view, the server's and Django's own, under the interpreter lock: 1.45 ms a request on the event loop under ASGI (0.35 ms more on the thread of a def view; about half on Django 3.2), 0.42 ms on the worker under WSGI, as measured with Django 5.2 on this project's reference machine. Real Django always pays it; off shows the view's steps alone.",
} as const;

/** Choosing a Django sets the executor it implies; a pool (thread_sensitive=False) is kept. */
function withDjango(knobs: Knobs, django: DjangoVersion): Knobs {
  return { ...knobs, django, executor: knobs.executor === 'pool' ? 'pool' : djangoExecutor(django) };
}

interface Props {
  base: Scenario;
  knobs: Knobs;
  onChange: (next: Knobs) => void;
  box: (name: KnobName) => KnobBox;
}

export function ServerKnobs({ base, knobs, onChange, box }: Props) {
  const set = <K extends keyof Knobs>(key: K, value: Knobs[K]) => onChange({ ...knobs, [key]: value });
  // One loop or several (uvicorn --workers): executors and the ASGI-only settings apply.
  const asyncServer = hasEventLoop(knobs.serverModel);
  const callsOrm = base.endpoints.some((e) => e.view === 'async' && e.steps.some(callsSyncOrm));
  return (
    <>
      <div className="knob">
        <label
          htmlFor="knob-server"
          title="async: uvicorn running one event loop (ASGI). uvicorn --workers: several processes, each its own loop. sync workers: gunicorn's sync worker processes (WSGI). gthread: gunicorn -k gthread, worker processes of several threads (WSGI)."
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
        disabled={knobs.serverModel === 'async'}
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
          <input type="checkbox" checked={knobs.gil} onChange={(e) => set('gil', e.target.checked)} /> interpreter lock
          (GIL)
        </label>
      </div>
      <KnobCheck
        testId="knob-framework-python"
        help={HELP.frameworkPython}
        checked={knobs.frameworkPython}
        onChange={(v) => set('frameworkPython', v)}
      >
        Django&apos;s own Python
      </KnobCheck>
      <KnobCheck
        testId="knob-sync-middleware"
        help={HELP.syncMiddleware}
        checked={knobs.syncMiddleware}
        disabled={!asyncServer || knobs.executor === 'pool'}
        onChange={(v) => set('syncMiddleware', v)}
      >
        a sync-only middleware
      </KnobCheck>
      <KnobCheck
        testId="knob-allow-async-unsafe"
        help={callsOrm ? HELP.asyncUnsafe : HELP.noSyncOrm}
        checked={knobs.allowAsyncUnsafe}
        disabled={!callsOrm}
        onChange={(v) => set('allowAsyncUnsafe', v)}
        labelClass="env"
      >
        <code>DJANGO_ALLOW_ASYNC_UNSAFE</code>
      </KnobCheck>
    </>
  );
}

/**
 * Scenario settings in words, for tables, legends and comparisons: "await 100 ms",
 * "offload(db product-get +100 ms)", "4 sync workers (processes), interpreter lock on",
 * "closed: 10 users, 30 requests". `modelLabel` is the short name a comparison uses for a run:
 * "async", "sync workers (4)", "async, one executor thread", "against GET http://127.0.0.1:8000/".
 */
import type { Endpoint, LeafStep, LoadConfig, OffloadableStep, Scenario, Step } from '../scenario.ts';
import { DEFAULT_BACKLOG, DEFAULT_WORKER_TIMEOUT_S, hasEventLoop } from '../scenario.ts';
import { importedFrom, importedTarget } from '../imported-run.ts';
import { formatMs, formatRps, plural } from './format.ts';
import { describeUrlTarget, urlTargetOf } from '../url-target.ts';

const ms = (x: number) => formatMs(x);

/** One step, as a Django developer would say it. */
export function describeStep(step: Step | LeafStep | OffloadableStep): string {
  switch (step.kind) {
    case 'await':
      return `await ${ms(step.ms)}`;
    case 'block':
      return `block ${ms(step.ms)}`;
    case 'cpu':
      return `cpu ${ms(step.ms)}`;
    case 'db':
      return `db ${step.query}${step.ms > 0 ? ` +${ms(step.ms)}` : ''}`;
    case 'upstream': {
      const fault =
        step.fault === 'none'
          ? ''
          : `, ${step.fault === 'hang' ? 'hangs' : step.fault === 'refuse' ? 'refused' : 'reset'}`;
      return `upstream ${ms(step.ms)}${step.blocking ? ' (blocking client)' : ''}${fault}`;
    }
    case 'offload':
      // Thread-sensitive (the default) reads as before; the others say where they run.
      if (step.executor === 'pool') return `offload to the pool(${describeStep(step.step)})`;
      if (step.executor === 'to-thread') return `asyncio.to_thread(${describeStep(step.step)})`;
      return `offload(${describeStep(step.step)})`;
    case 'gather':
      return `gather(${step.steps.map(describeStep).join(', ')})`;
  }
}

/** An endpoint's view: "async def: await 100 ms → cpu 3 ms". */
export function describeView(endpoint: Endpoint): string {
  const kind = endpoint.view === 'async' ? 'async def' : 'def';
  return `${kind}: ${endpoint.steps.length ? endpoint.steps.map(describeStep).join(' → ') : '(no steps)'}`;
}

function usesExecutor(scenario: Scenario): boolean {
  const offloads = (s: Step | LeafStep): boolean =>
    s.kind === 'offload' || (s.kind === 'gather' && s.steps.some(offloads));
  return scenario.endpoints.some((e) => e.view === 'sync' || e.steps.some(offloads));
}

function usesCpu(scenario: Scenario): boolean {
  const cpu = (s: Step | LeafStep | OffloadableStep): boolean =>
    s.kind === 'cpu' || (s.kind === 'offload' && cpu(s.step)) || (s.kind === 'gather' && s.steps.some(cpu));
  return scenario.endpoints.some((e) => e.steps.some(cpu));
}

/** The executor in words: "a thread per request (sync_to_async, Django ≥ 4)". */
export function describeExecutor(server: Scenario['server']): string {
  if (server.executor === 'one-thread')
    return "one thread for the process (Django 3.x's thread_sensitive: the handler hops onto it before every view)";
  if (server.executor === 'pool') return `a pool of ${plural(server.poolThreads, 'thread')} (run_in_executor)`;
  return 'a thread per request in flight (sync_to_async under ASGI)';
}

/** The server in one line. */
export function describeServer(server: Scenario['server']): string {
  const gil =
    (server.gil ? 'interpreter lock on' : 'no interpreter lock (free-threaded)') +
    (server.frameworkPython ? '' : ", Django's own Python not charged");
  const overload = describeOverload(server);
  if (server.model === 'sync-workers')
    return `${plural(server.workers, 'sync worker')} (WSGI processes), ${gil}${overload}`;
  if (server.model === 'gthread')
    return `gunicorn gthread: ${plural(server.workers, 'process', 'processes')} × ${plural(server.threads, 'thread')} (WSGI, one interpreter lock per process), ${gil}${overload}`;
  if (server.model === 'async-workers')
    return `uvicorn --workers ${server.workers} (${plural(server.workers, 'process', 'processes')}, each its own event loop, lock and executor: ${describeExecutor(server)}), ${gil}${overload}`;
  const django = server.django ? `, Django ${server.django}` : '';
  return `async server (ASGI, one event loop${django}), executor: ${describeExecutor(server)}, ${gil}${overload}`;
}

/** The overload settings that differ from the servers' defaults, as the flags that set them. */
function describeOverload(server: Scenario['server']): string {
  const parts: string[] = [];
  if (server.limitConcurrency != null) parts.push(`--limit-concurrency ${server.limitConcurrency} (a 503 beyond it)`);
  if (server.backlog !== undefined && server.backlog !== DEFAULT_BACKLOG) parts.push(`--backlog ${server.backlog}`);
  const gunicorn = server.model === 'sync-workers' || server.model === 'gthread';
  if (gunicorn && server.workerTimeoutS !== undefined && server.workerTimeoutS !== DEFAULT_WORKER_TIMEOUT_S)
    parts.push(`--timeout ${server.workerTimeoutS} (WORKER TIMEOUT beyond it)`);
  if (server.allowAsyncUnsafe) parts.push('DJANGO_ALLOW_ASYNC_UNSAFE set (the sync ORM runs in async views)');
  if (server.syncMiddleware && hasEventLoop(server.model))
    parts.push('a sync-only middleware (each request holds a thread-sensitive thread throughout)');
  return parts.length ? `, ${parts.join(', ')}` : '';
}

/** The load in one line. */
export function describeLoad(load: LoadConfig): string {
  const end = load.end.kind === 'requests' ? plural(load.end.count, 'request') : `${load.end.seconds} s`;
  if (load.model === 'closed') {
    const think = load.thinkMs > 0 ? `, thinking ${ms(load.thinkMs)}` : '';
    return `closed: ${plural(load.concurrency, 'user')}${think}, ${end}`;
  }
  return `open: ${formatRps(load.rateRps)} ${load.arrival}, at most ${load.maxInFlight} in flight, ${end}`;
}

/** A short name for the execution model, for legends and comparisons. */
export function modelLabel(scenario: Scenario): string {
  // A URL run's server is the one at the URL: the scenario's server settings describe nothing.
  const url = urlTargetOf(scenario);
  if (url) return `against ${describeUrlTarget(url)}`;
  const imported = importedTarget(scenario);
  if (imported) return importedFrom(imported);
  const label = settingsLabel(scenario);
  // Old stored runs have no target: they ran on the model.
  if (scenario.target?.kind !== 'django') return label;
  const version = /Django (\d+\.\d+)/.exec(scenario.target.versions ?? '')?.[1];
  return `real Django${version ? ` ${version}` : ''}: ${label}`;
}

function settingsLabel(scenario: Scenario): string {
  const { server } = scenario;
  const views = new Set(scenario.endpoints.map((e) => e.view));
  const gil = !server.gil && usesCpu(scenario) ? ', no GIL' : '';
  if (server.model === 'gthread') return `gthread ${server.workers}×${server.threads}${gil}`;
  if (server.model === 'async-workers' && !usesExecutor(scenario)) return `uvicorn workers (${server.workers})${gil}`;
  if (server.model === 'sync-workers') {
    const kind = views.has('async') && !views.has('sync') ? 'async views on sync workers' : 'sync workers';
    return `${kind} (${server.workers})${gil}`;
  }
  const asgi = views.has('sync') && !views.has('async') ? 'sync views on ASGI' : 'async';
  const base = server.model === 'async-workers' ? `uvicorn workers (${server.workers}), ${asgi}` : asgi;
  if (!usesExecutor(scenario)) return `${base}${gil}`;
  const executor =
    server.executor === 'one-thread'
      ? 'one executor thread'
      : server.executor === 'pool'
        ? `pool of ${server.poolThreads}`
        : 'thread per request';
  return `${base}, ${executor}${gil}`;
}

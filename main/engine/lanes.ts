/**
 * The server's threads as lanes: what the lanes view shows one row each. Ids are dense from 0 so
 * lanes index arrays; client connections follow the server's lanes.
 */
import { cpus as cpuList } from 'node:os';
import {
  defaultExecutorThreads,
  executorGroupOf,
  handlerHopsQueue,
  loopProcesses,
  maxInFlight,
  offloadSteps,
  threadsPerWorker,
} from '../../shared/scenario-rules.ts';
import type { Executor, OffloadExecutor, Scenario } from '../../shared/scenario.ts';
import type { Lane } from '../../shared/trace.ts';
import { executorThreadCount } from './executor/queues.ts';

/** One uvicorn process: its event loop and its executors' threads. */
export interface LoopProcess {
  loop: Lane;
  executors: Lane[];
}

export interface ServerLanes {
  lanes: Lane[];
  /** The event-loop processes: one under `async`, W under `async-workers`, none under WSGI. */
  processes: LoopProcess[];
  /** Which executor each executor lane (by id) belongs to. */
  executorGroup: ReadonlyMap<number, OffloadExecutor>;
  workers: Lane[];
  firstClientLane: number;
}

/** One executor of the async server: its threads, and its lanes' names. */
interface ExecutorPlan {
  threads: number;
  name: string;
}

/** How an executor hands out its threads: the server's own discipline, or a pool for the others. */
export function executorDiscipline(group: OffloadExecutor, server: Pick<Scenario['server'], 'executor'>): Executor {
  return group === 'thread-sensitive' ? server.executor : 'pool';
}

/**
 * The executors an async server needs. The thread-sensitive one (the server's `executor`) runs
 * sync views, thread-sensitive offloads and Django 3.x's handler hops; a pool and asyncio's
 * default executor exist only when a step offloads there. `cpus` sizes the default executor
 * as Python 3.11's os.cpu_count() would (all CPUs, as Node's os.cpus() counts them).
 */
function executorPlans(scenario: Scenario, cpus: number): Map<OffloadExecutor, ExecutorPlan> {
  const { server } = scenario;
  // Connections are spread evenly over the processes (see the load generator), so each process
  // has at most its share of the requests in flight: one thread each under per-request.
  const inFlight = Math.ceil(maxInFlight(scenario.load) / loopProcesses(server));
  const groups = new Set(offloadSteps(scenario.endpoints).map((s) => executorGroupOf(s, server)));
  const threadSensitive = scenario.endpoints.some((e) => e.view === 'sync') || handlerHopsQueue(server);
  if (threadSensitive || server.syncMiddleware) groups.add('thread-sensitive');
  const plans = new Map<OffloadExecutor, ExecutorPlan>();
  const threads = executorThreadCount(server.executor, server.poolThreads, inFlight);
  if (groups.has('thread-sensitive')) plans.set('thread-sensitive', { threads, name: 'executor' });
  if (groups.has('pool')) plans.set('pool', { threads: server.poolThreads, name: 'pool' });
  if (groups.has('to-thread')) plans.set('to-thread', { threads: defaultExecutorThreads(cpus), name: 'to_thread' });
  return plans;
}

export function planLanes(scenario: Scenario, cpus = cpuList().length): ServerLanes {
  const { server } = scenario;
  if (server.model === 'sync-workers' || server.model === 'gthread') {
    // gthread: each worker process runs `threads` threads; a sync worker is a process of one.
    const perProcess = threadsPerWorker(server);
    const workers = Array.from({ length: server.workers * perProcess }, (_, i): Lane => {
      const process = Math.floor(i / perProcess) + 1;
      const thread = perProcess > 1 ? ` · thread ${(i % perProcess) + 1}` : '';
      return { id: i, name: `worker ${process}${thread}`, kind: 'worker', process };
    });
    return { lanes: workers, processes: [], executorGroup: new Map(), workers, firstClientLane: workers.length };
  }
  // uvicorn: one process of one loop and its executors; with --workers, W such processes.
  const several = server.model === 'async-workers';
  const plans = executorPlans(scenario, cpus);
  const executorGroup = new Map<number, OffloadExecutor>();
  const lanes: Lane[] = [];
  const processes: LoopProcess[] = [];
  for (let p = 0; p < loopProcesses(server); p++) {
    const process = several ? p + 1 : 0;
    const prefix = several ? `worker ${process} · ` : '';
    const loop: Lane = { id: lanes.length, name: `${prefix}event loop`, kind: 'loop', process };
    lanes.push(loop);
    const executors: Lane[] = [];
    for (const [group, plan] of plans) {
      for (let i = 0; i < plan.threads; i++) {
        const lane: Lane = { id: lanes.length, name: `${prefix}${plan.name} ${i + 1}`, kind: 'executor', process };
        lanes.push(lane);
        executors.push(lane);
        executorGroup.set(lane.id, group);
      }
    }
    processes.push({ loop, executors });
  }
  return { lanes, processes, executorGroup, workers: [], firstClientLane: lanes.length };
}

/** No server lanes planned: real Django's and a URL's threads are known only as they report. */
export function noServerLanes(firstClientLane: number): ServerLanes {
  return { lanes: [], processes: [], executorGroup: new Map(), workers: [], firstClientLane };
}

/**
 * The server's threads as lanes: what the lanes view shows one row each. Ids are dense from 0 so
 * lanes index arrays; client connections follow the server's lanes.
 */
import { cpus as cpuList } from 'node:os';
import {
  defaultExecutorThreads,
  executorGroupOf,
  handlerHopsQueue,
  maxInFlight,
  offloadSteps,
  threadsPerWorker,
  type Executor,
  type OffloadExecutor,
  type Scenario,
} from '../../shared/scenario.ts';
import type { Lane } from '../../shared/trace.ts';
import { executorThreadCount } from './executor/queues.ts';

export interface ServerLanes {
  lanes: Lane[];
  loop: Lane | null;
  executors: Lane[];
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
  const groups = new Set(offloadSteps(scenario.endpoints).map((s) => executorGroupOf(s, server)));
  const threadSensitive = scenario.endpoints.some((e) => e.view === 'sync') || handlerHopsQueue(server);
  if (threadSensitive || server.syncMiddleware) groups.add('thread-sensitive');
  const plans = new Map<OffloadExecutor, ExecutorPlan>();
  const threads = executorThreadCount(server.executor, server.poolThreads, maxInFlight(scenario.load));
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
    return {
      lanes: workers,
      loop: null,
      executors: [],
      executorGroup: new Map(),
      workers,
      firstClientLane: workers.length,
    };
  }
  const loop: Lane = { id: 0, name: 'event loop', kind: 'loop', process: 0 };
  const executors: Lane[] = [];
  const executorGroup = new Map<number, OffloadExecutor>();
  for (const [group, plan] of executorPlans(scenario, cpus)) {
    for (let i = 0; i < plan.threads; i++) {
      const lane: Lane = { id: executors.length + 1, name: `${plan.name} ${i + 1}`, kind: 'executor', process: 0 };
      executors.push(lane);
      executorGroup.set(lane.id, group);
    }
  }
  return {
    lanes: [loop, ...executors],
    loop,
    executors,
    executorGroup,
    workers: [],
    firstClientLane: 1 + executors.length,
  };
}

/** No server lanes planned: real Django's and a URL's threads are known only as they report. */
export function noServerLanes(firstClientLane: number): ServerLanes {
  return { lanes: [], loop: null, executors: [], executorGroup: new Map(), workers: [], firstClientLane };
}

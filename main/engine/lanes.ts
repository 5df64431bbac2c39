/**
 * The server's threads as lanes: what the lanes view shows one row each. Ids are dense from 0 so
 * lanes index arrays; client connections follow the server's lanes.
 */
import {
  handlerHopsQueue,
  maxInFlight,
  needsExecutor,
  threadsPerWorker,
  type Scenario,
} from '../../shared/scenario.ts';
import type { Lane } from '../../shared/trace.ts';
import { executorThreadCount } from './executor/queues.ts';

export interface ServerLanes {
  lanes: Lane[];
  loop: Lane | null;
  executors: Lane[];
  workers: Lane[];
  firstClientLane: number;
}

export function planLanes(scenario: Scenario): ServerLanes {
  const { server } = scenario;
  if (server.model === 'sync-workers' || server.model === 'gthread') {
    // gthread: each worker process runs `threads` threads; a sync worker is a process of one.
    const perProcess = threadsPerWorker(server);
    const workers = Array.from({ length: server.workers * perProcess }, (_, i): Lane => {
      const process = Math.floor(i / perProcess) + 1;
      const thread = perProcess > 1 ? ` · thread ${(i % perProcess) + 1}` : '';
      return { id: i, name: `worker ${process}${thread}`, kind: 'worker', process };
    });
    return { lanes: workers, loop: null, executors: [], workers, firstClientLane: workers.length };
  }
  const loop: Lane = { id: 0, name: 'event loop', kind: 'loop', process: 0 };
  const count =
    needsExecutor(scenario.endpoints) || handlerHopsQueue(server)
      ? executorThreadCount(server.executor, server.poolThreads, maxInFlight(scenario.load))
      : 0;
  const executors = Array.from({ length: count }, (_, i): Lane => ({
    id: i + 1,
    name: `executor ${i + 1}`,
    kind: 'executor',
    process: 0,
  }));
  return { lanes: [loop, ...executors], loop, executors, workers: [], firstClientLane: 1 + executors.length };
}

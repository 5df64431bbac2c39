/**
 * Starting one of the engine's threads from its code, wherever that code is (worker-files.ts).
 */
import { Worker, type TransferListItem } from 'node:worker_threads';
import { workerUrl, type WorkerName } from './worker-files.ts';

export type { WorkerName } from './worker-files.ts';

export function spawnWorker(name: WorkerName, workerData: unknown, transferList: TransferListItem[] = []): Worker {
  // execArgv: [] because workers otherwise inherit the parent's flags, and a parent started
  // with `--import tsx` would load tsx (and its loader thread) into every worker for nothing.
  const options = { workerData, transferList, name: `interleave-${name}`, execArgv: [] };
  return new Worker(workerUrl(name), options);
}

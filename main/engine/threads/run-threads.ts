/**
 * Starting a run's threads, in the order their addresses are needed: the upstream first (view
 * threads are given its URL), then the sync-http thread and the view threads with their ports
 * from the lane ↔ port map (lane-ports.ts), the server last of those (it is handed the
 * executors' and workers' ports), and the load generator.
 *
 * Under the async model the server thread IS the event loop and shares one interpreter lock with
 * the executors (one process); under `uvicorn --workers` there is one such server thread per
 * process, each listening on a port of its own (the load generator spreads its connections over
 * them, as the kernel spreads a shared socket's); under sync workers it only accepts, and each worker is a process
 * of its own with its own lock; under gthread each worker process's threads share its lock.
 */
import { MessageChannel, type TransferListItem } from 'node:worker_threads';
import { freePort } from '../../platform/free-port.ts';
import type { Scenario } from '../../../shared/scenario.ts';
import type { Lane } from '../../../shared/trace.ts';
import { createGilState } from '../gil.ts';
import type { ServerLanes } from '../lanes.ts';
import type { UpstreamTarget } from '../upstream/upstream-url.ts';
import type { HandedPorts, LanePortMap, ProcessPorts } from './lane-ports.ts';
import type {
  ExecutorThreadData,
  LoadgenThreadData,
  ServerThreadData,
  SyncWorkerThreadData,
  ThreadReport,
  ViewThreadData,
} from './protocol.ts';
import { spawnWorker, type WorkerName } from './spawn.ts';
import { ThreadHandle } from './thread-handle.ts';
import { READY_TIMEOUT_MS } from './start-up.ts';
import type { ThreadCounts, ThreadReserve } from './thread-reserve.ts';

/** What every view thread starts with, whatever its lane. */
export type ViewThreadBase = Omit<ViewThreadData, 'lane' | 'process' | 'gil' | 'syncHttpPort'>;

/** Under sync workers the server thread runs no view: its spans, if any, go to no real lane. */
const ACCEPTOR_LANE: Lane = { id: -1, name: 'acceptor', kind: 'loop', process: 0 };

/**
 * New threads starting at once, and threads ended at once. `new Worker` runs on the host's main
 * thread (in Electron the window's) and waits there for locks that starting threads hold: with
 * two hundred starting, one call waited 0.2–0.3 s and a run's start held the thread 7 s; with at
 * most eight still starting, 21 ms, in the same total time (measured: 4.4 s for 200 either way
 * on a loaded 2-core machine). Ending a thread joins it on the main thread: two hundred at once
 * held it 1.5 s, eight at a time 15 ms (bench main-thread).
 */
export const THREADS_AT_A_TIME = 8;

/** Every thread of one run, in the order started. */
export class RunThreads {
  readonly all: ThreadHandle[] = [];
  /** How many of `all` were spares already started (thread-reserve.ts). */
  warm = 0;
  /** New threads not yet Ready, and the starts waiting for one of them to be. */
  private booting = 0;
  private waitingToBoot: (() => void)[] = [];

  constructor(
    private readonly onReport: (report: ThreadReport) => void,
    private readonly onFailure: (message: string) => void,
    private readonly options: {
      reserve?: ThreadReserve | null;
      /** Each thread's Ready, as it comes (the start-up progress). */
      onReady?: () => void;
      /** Aborted: no more threads are started (start rejects). */
      signal?: AbortSignal;
    } = {},
  ) {}

  /**
   * Starts a thread of `name`: a spare given `data` when the reserve has one, else a new one once
   * fewer than THREADS_AT_A_TIME new ones are still starting. No thread's Ready waits for a thread
   * started after it (the upstream, sync-http and executors come before the loops that use them),
   * so waiting here cannot deadlock.
   */
  async start(name: WorkerName, data: unknown, transfer: TransferListItem[] = []): Promise<ThreadHandle> {
    this.options.signal?.throwIfAborted();
    const spare = this.options.reserve?.take(name, data, transfer) ?? null;
    if (spare) this.warm++;
    else {
      while (this.booting >= THREADS_AT_A_TIME) await this.aThreadStarted();
      this.booting++;
    }
    const worker = spare?.worker ?? spawnWorker(name, data, transfer);
    const handle = new ThreadHandle(name, worker, this.onReport, this.onFailure, spare !== null, spare?.clockSkewMs);
    this.all.push(handle);
    const started = () => {
      if (!spare) {
        this.booting--;
        this.waitingToBoot.shift()?.();
      }
    };
    handle.ready.then(() => {
      started();
      this.options.onReady?.();
    }, started);
    return handle;
  }

  /**
   * Resolves when one of the new threads still starting is Ready (or has failed); rejects when the
   * start is aborted meanwhile, or when none is Ready within READY_TIMEOUT_MS (a thread stuck
   * starting must fail the run, as untilReady would, not hold it at "starting threads" forever).
   */
  private aThreadStarted(): Promise<void> {
    const signal = this.options.signal;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the threads did not start within ${READY_TIMEOUT_MS / 1000} s`)),
        READY_TIMEOUT_MS,
      );
      const onAbort = () => reject(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waitingToBoot.push(() => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  /** How many threads of each kind this run started (what the reserve keeps ready for the next). */
  counts(): ThreadCounts {
    const counts: ThreadCounts = {};
    for (const h of this.all) counts[h.name] = (counts[h.name] ?? 0) + 1;
    return counts;
  }

  /** The threads that record (the upstream and sync-http threads only serve). */
  recording(): ThreadHandle[] {
    return this.all.filter((h) => h.name !== 'upstream' && h.name !== 'sync-http');
  }

  /** Ends every thread, THREADS_AT_A_TIME at a time. */
  async terminateAll(): Promise<void> {
    for (let i = 0; i < this.all.length; i += THREADS_AT_A_TIME)
      await Promise.all(this.all.slice(i, i + THREADS_AT_A_TIME).map((h) => h.terminate()));
  }
}

/** The threads a run of `plan` starts, by kind (what the reserve keeps ready for it). */
export function threadCountsOf(plan: ServerLanes): ThreadCounts {
  return {
    upstream: 1,
    'sync-http': 1,
    // A loop thread per uvicorn process; under gunicorn the one acceptor.
    server: Math.max(1, plan.processes.length),
    executor: plan.processes.reduce((n, p) => n + p.executors.length, 0),
    'sync-worker': plan.workers.length,
    loadgen: 1,
  };
}

/** Starts the embedded upstream and waits for its address (and a refused one beside it). */
export async function startUpstream(threads: RunThreads): Promise<UpstreamTarget> {
  const upstream = await threads.start('upstream', {});
  const [ready, refused] = await Promise.all([upstream.ready, freePort()]);
  return { baseUrl: `http://127.0.0.1:${ready.port}`, refusedUrl: `http://127.0.0.1:${refused}` };
}

/**
 * Starts the sync-http thread, then the server threads: under uvicorn one per process (its
 * loop), each after its executors; under gunicorn the sync workers, then the one acceptor.
 * Returns the server threads, whose Ready carries the port each listens on.
 */
export async function startServerThreads(
  threads: RunThreads,
  scenario: Scenario,
  ports: LanePortMap,
  base: ViewThreadBase,
): Promise<ThreadHandle[]> {
  await threads.start('sync-http', { ports: ports.syncHttpPeers }, ports.syncHttpPeers);
  const lock = () => (scenario.server.gil ? createGilState() : null);
  if (ports.processes.length === 0) return [await startWorkersProcesses(threads, scenario, ports, base, lock)];
  const servers: ThreadHandle[] = [];
  for (const p of ports.processes)
    servers.push(await startLoopProcess(threads, scenario, p, ports.executorGroup, base, lock()));
  return servers;
}

const handedTo = (p: HandedPorts) => ({ lane: p.lane.id, port: p.server.peer });

/** One uvicorn process: its executors, then its loop (the server thread), all under one lock. */
async function startLoopProcess(
  threads: RunThreads,
  scenario: Scenario,
  process: ProcessPorts,
  groups: LanePortMap['executorGroup'],
  base: ViewThreadBase,
  processLock: Int32Array | null,
): Promise<ThreadHandle> {
  for (const { lane, syncHttp, server } of process.executors) {
    const data: ExecutorThreadData = {
      ...base,
      lane: lane.id,
      process: lane.process,
      gil: processLock,
      syncHttpPort: syncHttp.lane,
      serverPort: server.lane,
    };
    await threads.start('executor', data, [server.lane, syncHttp.lane]);
  }
  const syncHttpPort = process.loop.syncHttp.lane;
  const data: ServerThreadData = {
    ...base,
    lane: process.loop.lane.id,
    process: process.loop.lane.process,
    gil: processLock,
    syncHttpPort,
    scenario,
    executors: process.executors.map((p) => ({ ...handedTo(p), group: groups.get(p.lane.id)! })),
    workers: [],
  };
  return threads.start('server', data, [syncHttpPort, ...data.executors.map((h) => h.port)]);
}

/** gunicorn: the worker threads (a process each, or gthread's threads sharing their process's lock), then the acceptor. */
async function startWorkersProcesses(
  threads: RunThreads,
  scenario: Scenario,
  ports: LanePortMap,
  base: ViewThreadBase,
  lock: () => Int32Array | null,
): Promise<ThreadHandle> {
  const processLocks = new Map<number, Int32Array | null>();
  const lockOf = (process: number) => {
    if (!processLocks.has(process)) processLocks.set(process, lock());
    return processLocks.get(process)!;
  };
  for (const { lane, syncHttp, server } of ports.workers) {
    const data: SyncWorkerThreadData = {
      ...base,
      lane: lane.id,
      process: lane.process,
      gil: lockOf(lane.process),
      syncHttpPort: syncHttp.lane,
      serverPort: server.lane,
      endpoints: scenario.endpoints,
      allowAsyncUnsafe: scenario.server.allowAsyncUnsafe,
    };
    await threads.start('sync-worker', data, [server.lane, syncHttp.lane]);
  }
  // The acceptor makes no HTTP call of its own and runs no view: its sync-http port leads
  // nowhere, and its lock is none (the workers' processes have theirs).
  const syncHttpPort = new MessageChannel().port2;
  const data: ServerThreadData = {
    ...base,
    lane: ACCEPTOR_LANE.id,
    process: ACCEPTOR_LANE.process,
    gil: null,
    syncHttpPort,
    scenario,
    executors: [],
    workers: ports.workers.map(handedTo),
  };
  return threads.start('server', data, [syncHttpPort, ...data.workers.map((h) => h.port)]);
}

/** Starts the load generator: its connections are lanes after the server's. */
export function startLoadgen(
  threads: RunThreads,
  scenario: Scenario,
  plan: ServerLanes,
  epochMs: number,
): Promise<ThreadHandle> {
  const data: LoadgenThreadData = {
    epochMs,
    load: scenario.load,
    weights: scenario.endpoints.map((e) => e.weight),
    seed: scenario.seed,
    firstClientLane: plan.firstClientLane,
  };
  return threads.start('loadgen', data);
}

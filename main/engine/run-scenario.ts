/**
 * The engine's one entry point: a scenario in; trace batches, progress and a summary out.
 *
 * Order of events, and why:
 * 1. every thread the scenario can need is started and says Ready before the first request
 *    (a Node worker takes tens of ms to start; that must never show up as a request's latency);
 * 2. the clocks of the threads are compared (they share one monotonic clock; this checks it);
 * 3. the load generator starts; batches flow every 100 ms to `onBatch`;
 * 4. at the end every thread flushes, the summary is computed from the records alone
 *    (shared/analysis/summary.ts, the same function a reopened or imported run uses), and every
 *    thread and port is released.
 * Each step lives in its own module: threads/lane-ports.ts (which port goes to which thread),
 * threads/run-threads.ts (starting each kind of thread), threads/start-up.ts (Ready, clocks,
 * warm-up, settling) and record/run-recording.ts (reports to the recorder, batches, progress).
 * This module knows nothing of Electron, the store or the UI.
 */
import { dbConnectionsOf, frameworkPythonOf, modelsConnections } from '../../shared/scenario-rules.ts';
import type { Scenario } from '../../shared/scenario.ts';
import type { Lane, RunProgress, RunSummary, TraceBatch } from '../../shared/trace.ts';
import { monotonicMs, clockFrom } from './clock.ts';
import { createControl, requestStop, type ControlWord } from './control.ts';
import { iterationsPerMsNow } from './cpu-work.ts';
import { seedShop } from './db/shop.ts';
import { createOpenCount, type DbConnectionData } from './db/connection.ts';
import { createPoolState } from './db/connection-pool.ts';
import { planLanes, type ServerLanes } from './lanes.ts';
import { RunRecording } from './record/run-recording.ts';
import { wireLanes } from './threads/lane-ports.ts';
import { RunThreads, startLoadgen, startServerThreads, startUpstream, threadCountsOf } from './threads/run-threads.ts';
import { measureClockSkew, settle, untilReady, warmUp } from './threads/start-up.ts';
import type { ThreadHandle } from './threads/thread-handle.ts';
import type { ThreadReserve } from './threads/thread-reserve.ts';

export interface EngineOptions {
  /** SQLite file of the demo shop; seeded on first use. */
  shopDbFile: string;
  /** Everything recorded since the last call, about every 100 ms. */
  onBatch?(batch: TraceBatch): void;
  onProgress?(progress: RunProgress): void;
  /** Aborting while threads start gives up the start (startScenario rejects, nothing is left running). */
  signal?: AbortSignal;
  /**
   * Spare threads to start from (used when they opened this run's shop); after the run it
   * starts spares for the next one, as many of each kind as this run used.
   */
  reserve?: ThreadReserve;
}

export interface RunOutcome {
  status: 'complete' | 'stopped' | 'failed';
  error: string | null;
  summary: RunSummary;
  lanes: Lane[];
  /** Largest clock difference found between threads at start-up, in ms. */
  clockSkewMs: number;
  /** How long starting every thread took (outside the measured window), in ms. */
  startupMs: number;
  /** The model's threads, and how many of them were spares already started (thread-reserve.ts). */
  threads?: { started: number; warm: number };
}

export interface RunningScenario {
  readonly done: Promise<RunOutcome>;
  /** Ends the run early; resolves when every thread and port is released. */
  stop(): Promise<RunOutcome>;
}

const BATCH_EVERY_MS = 100;

export async function startScenario(scenario: Scenario, options: EngineOptions): Promise<RunningScenario> {
  const startedAt = performance.now();
  seedShop(options.shopDbFile);
  const iterationsPerMs = iterationsPerMsNow();
  const epochMs = monotonicMs();
  const now = clockFrom(epochMs);
  const plan = planLanes(scenario);
  const control = createControl(plan.lanes.length);
  const recording = new RunRecording(scenario, plan, control, options);
  const reserve = options.reserve?.shopDbFile === options.shopDbFile ? options.reserve : null;
  reserve?.hold();
  const threads = startingThreads(plan, recording, reserve, options.signal);
  try {
    // 1. Every thread, each Ready before the first request.
    const upstream = await startUpstream(threads);
    const db = modelsConnections(scenario.server) ? connectionData(scenario, plan) : null;
    const framework = frameworkPythonOf(scenario.server);
    const base = { epochMs, control, iterationsPerMs, shopDbFile: options.shopDbFile, upstream, db, framework };
    const servers = await startServerThreads(threads, scenario, wireLanes(plan), base);
    const loadgen = await startLoadgen(threads, scenario, plan, epochMs);
    await untilReady(threads.all, options.signal);
    // 2. The clocks compared, the server warmed up, the machine settled.
    const clockSkewMs = await measureClockSkew(threads.recording(), now);
    const startupMs = performance.now() - startedAt;
    await warmUp(loadgen, servers, scenario.server.connectionProcesses);
    // Spares started before the run have long settled; only new threads need the wait.
    if (threads.warm < threads.all.length || reserve?.starting) await settle();
    // 3 and 4. The load, then the end.
    return runLoad({ recording, threads, loadgen, control, now, clockSkewMs, startupMs, reserve });
  } catch (error) {
    requestStop(control);
    await threads.terminateAll();
    throw new Error(recording.failure ?? `could not start the run: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Starts spares for a run of `scenario` ahead of it: the shop they open is seeded first. A host
 * calls this at start for its first screen's scenario (`asBase`: the set the reserve goes back to
 * when idle), and again whenever the scenario on screen changes.
 */
export function prepareThreads(reserve: ThreadReserve, scenario: Scenario, asBase = true): Promise<void> {
  seedShop(reserve.shopDbFile);
  const counts = threadCountsOf(planLanes(scenario));
  if (asBase) reserve.keepWhenIdle(counts);
  return reserve.refill(counts);
}

/** The database server's count of connections, and each process's pool when there is one. */
function connectionData(scenario: Scenario, plan: ServerLanes): DbConnectionData {
  const settings = dbConnectionsOf(scenario.server);
  const processes = Math.max(0, ...plan.lanes.map((l) => l.process)) + 1;
  return {
    ...settings,
    openCount: createOpenCount(),
    poolState: settings.pool === null ? null : createPoolState(processes),
  };
}

/**
 * The run's threads, with progress while they start ("starting threads 34 / 200"): the count
 * known from the plan at once, each Ready counted as it comes.
 */
function startingThreads(
  plan: ServerLanes,
  recording: RunRecording,
  reserve: ThreadReserve | null,
  signal: AbortSignal | undefined,
): RunThreads {
  const total = Object.values(threadCountsOf(plan)).reduce((sum, n) => sum + n, 0);
  let ready = 0;
  const threads = new RunThreads(recording.onReport, recording.onFailure, {
    reserve,
    signal,
    onReady: () => recording.starting(++ready, total, threads.warm),
  });
  recording.starting(0, total, 0);
  return threads;
}

interface StartedRun {
  recording: RunRecording;
  threads: RunThreads;
  loadgen: ThreadHandle;
  control: ControlWord;
  now: () => number;
  clockSkewMs: number;
  startupMs: number;
  reserve: ThreadReserve | null;
}

/** Starts the measured load, sends batches every BATCH_EVERY_MS, and ends the run when the load ends. */
function runLoad(run: StartedRun): RunningScenario {
  const { recording, threads, loadgen, control } = run;
  // Run time 0 is when the load starts: nothing before it is recorded, and thread start-up
  // (20 s for 256 threads on 2 cores) would otherwise push every chart and the timeline right.
  recording.recorder.startClockAt(run.now());
  loadgen.send({ type: 'start' });
  const loadStart = performance.now();
  const ticker = setInterval(() => recording.tick(performance.now() - loadStart), BATCH_EVERY_MS);
  // The first answer is not kept for the next tick: a run's first bar is drawn as it comes.
  recording.onFirstAnswer = () => recording.tick(performance.now() - loadStart);

  const finish = async (reason: string): Promise<RunOutcome> => {
    if (reason !== 'finished') requestStop(control);
    recording.finishing();
    await Promise.all(threads.recording().map((h) => h.ask({ type: 'flush' }, 'flushed')));
    clearInterval(ticker);
    recording.last(performance.now() - loadStart);
    await threads.terminateAll();
    // Not awaited: the spares start in the background while the run is stored and shown.
    void run.reserve?.refill(threads.counts());
    const summary = recording.summary();
    const status = recording.failure ? 'failed' : reason === 'finished' ? 'complete' : 'stopped';
    const { clockSkewMs, startupMs } = run;
    const { lanes } = recording.recorder;
    const started = { started: threads.all.length, warm: threads.warm };
    return { status, error: recording.failure, summary, lanes, clockSkewMs, startupMs, threads: started };
  };
  const done = recording.loadDone.then(finish);
  return {
    done,
    stop: () => {
      loadgen.send({ type: 'stop' });
      requestStop(control);
      return done;
    },
  };
}

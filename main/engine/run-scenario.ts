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
 * This module knows nothing of Electron, the store or the UI.
 */
import { MessageChannel, type MessagePort, type TransferListItem } from 'node:worker_threads';
import { createServer } from 'node:net';
import type { Scenario } from '../../shared/scenario.ts';
import type { Lane, RunProgress, RunSummary, TraceBatch } from '../../shared/trace.ts';
import { computeSummary } from '../../shared/analysis/summary.ts';
import { monotonicMs, clockFrom } from './clock.ts';
import { createControl, requestStop } from './control.ts';
import { calibrateIterationsPerMs } from './cpu-work.ts';
import { createGilState } from './gil.ts';
import { seedShop } from './db/shop.ts';
import { planLanes } from './lanes.ts';
import { Recorder } from './record/recorder.ts';
import { unpackRequests } from '../../shared/packed-requests.ts';
import { spawnWorker, type WorkerName } from './threads/spawn.ts';
import { ThreadHandle } from './threads/thread-handle.ts';
import type { ThreadReport, ViewThreadData } from './threads/protocol.ts';
import type { UpstreamTarget } from './upstream/upstream-url.ts';

export interface EngineOptions {
  /** SQLite file of the demo shop; seeded on first use. */
  shopDbFile: string;
  /** Everything recorded since the last call, about every 100 ms. */
  onBatch?(batch: TraceBatch): void;
  onProgress?(progress: RunProgress): void;
  /** Aborting while threads start gives up the start (startScenario rejects, nothing is left running). */
  signal?: AbortSignal;
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
}

export interface RunningScenario {
  readonly done: Promise<RunOutcome>;
  /** Ends the run early; resolves when every thread and port is released. */
  stop(): Promise<RunOutcome>;
}

const BATCH_EVERY_MS = 100;

/** Reserve a loopback port, then free it: connecting to it is refused, for `refuse` faults. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export async function startScenario(scenario: Scenario, options: EngineOptions): Promise<RunningScenario> {
  const startedAt = performance.now();
  seedShop(options.shopDbFile);
  const iterationsPerMs = calibrateIterationsPerMs();
  const epochMs = monotonicMs();
  const now = clockFrom(epochMs);
  const control = createControl();
  const plan = planLanes(scenario);
  const recorder = new Recorder(plan.lanes, plan.firstClientLane);
  const handles: ThreadHandle[] = [];
  let failure: string | null = null;
  let finishLoad: (reason: string) => void = () => {};
  const loadDone = new Promise<string>((resolve) => (finishLoad = resolve));
  let progress: RunProgress = {
    done: 0,
    total: scenario.load.end.kind === 'requests' ? scenario.load.end.count : null,
    elapsedMs: 0,
    plannedMs: scenario.load.end.kind === 'duration' ? scenario.load.end.seconds * 1000 : null,
    phase: 'starting',
  };

  const onReport = (report: ThreadReport) => {
    if (report.type === 'spans') recorder.addSpans(report.spans);
    else if (report.type === 'served') recorder.addServed(report.served);
    else if (report.type === 'loop') recorder.addLoop(report.samples);
    else if (report.type === 'requests') {
      const requests = unpackRequests(report);
      recorder.addRequests(requests);
      progress = { ...progress, done: progress.done + requests.length };
    } else if (report.type === 'load-started') recorder.measureFrom(report.at);
    else if (report.type === 'load-done') finishLoad(report.reason);
  };
  const onFailure = (message: string) => {
    failure ??= message;
    requestStop(control);
    finishLoad('failed');
  };
  const start = (name: WorkerName, data: unknown, transfer: TransferListItem[] = []) => {
    const handle = new ThreadHandle(name, spawnWorker(name, data, transfer), onReport, onFailure);
    handles.push(handle);
    return handle;
  };

  try {
    // The upstream and the sync-http thread first: view threads need their addresses.
    const upstream = start('upstream', {});
    const [upstreamReady, refused] = await Promise.all([upstream.ready, closedPort()]);
    const target: UpstreamTarget = {
      baseUrl: `http://127.0.0.1:${upstreamReady.port}`,
      refusedUrl: `http://127.0.0.1:${refused}`,
    };
    const viewLanes = [...(plan.loop ? [plan.loop] : []), ...plan.executors, ...plan.workers];
    const httpChannels = viewLanes.map(() => new MessageChannel());
    const syncHttpPorts = httpChannels.map((c) => c.port1);
    start('sync-http', { ports: syncHttpPorts }, syncHttpPorts);

    const sharedGil = scenario.server.gil ? createGilState() : null;
    const base = (lane: Lane, i: number, gil: Int32Array | null): ViewThreadData => ({
      epochMs,
      control,
      iterationsPerMs,
      shopDbFile: options.shopDbFile,
      upstream: target,
      syncHttpPort: httpChannels[i].port2,
      lane: lane.id,
      gil,
    });
    const serverPorts = {
      executors: [] as { lane: number; port: MessagePort }[],
      workers: [] as { lane: number; port: MessagePort }[],
    };
    viewLanes.forEach((lane, i) => {
      if (lane.kind === 'loop') return;
      const channel = new MessageChannel();
      if (lane.kind === 'executor') {
        serverPorts.executors.push({ lane: lane.id, port: channel.port1 });
        start('executor', { ...base(lane, i, sharedGil), serverPort: channel.port2 }, [
          channel.port2,
          httpChannels[i].port2,
        ]);
      } else {
        // Each sync worker is a process of its own, with its own interpreter lock.
        serverPorts.workers.push({ lane: lane.id, port: channel.port1 });
        const ownGil = scenario.server.gil ? createGilState() : null;
        start('sync-worker', { ...base(lane, i, ownGil), serverPort: channel.port2, endpoints: scenario.endpoints }, [
          channel.port2,
          httpChannels[i].port2,
        ]);
      }
    });
    const serverLane = plan.loop ?? { id: -1, name: 'acceptor', kind: 'loop', process: 0 };
    const serverHttp = plan.loop ? httpChannels[0].port2 : new MessageChannel().port2;
    const serverTransfer = [...serverPorts.executors, ...serverPorts.workers].map((p) => p.port);
    const server = start(
      'server',
      { ...base(serverLane, 0, sharedGil), syncHttpPort: serverHttp, scenario, ...serverPorts },
      [serverHttp, ...serverTransfer],
    );
    const loadgen = start('loadgen', {
      epochMs,
      load: scenario.load,
      weights: scenario.endpoints.map((e) => e.weight),
      seed: scenario.seed,
      firstClientLane: plan.firstClientLane,
    });
    const ready = await untilReady(handles, options.signal);
    const serverPort = ready[handles.indexOf(server)].port;
    // Threads that record (the upstream and sync-http threads only serve).
    const recording = handles.filter((h) => h.name !== 'upstream' && h.name !== 'sync-http');
    const clockSkewMs = await measureClockSkew(recording, now);
    const startupMs = performance.now() - startedAt;
    await loadgen.ask({ type: 'warm-up', serverUrl: `http://127.0.0.1:${serverPort}` }, 'warmed', WARM_UP_TIMEOUT_MS);
    await settle();

    // Run time 0 is when the load starts: nothing before it is recorded, and thread start-up
    // (20 s for 256 threads on 2 cores) would otherwise push every chart and the timeline right.
    recorder.startClockAt(now());
    loadgen.send({ type: 'start' });
    const runStart = performance.now();
    const ticker = setInterval(() => {
      progress = { ...progress, elapsedMs: performance.now() - runStart, phase: 'running' };
      const batch = recorder.takeBatch();
      if (batch.spans.length || batch.requests.length || batch.loop.length || batch.lanes.length)
        options.onBatch?.(batch);
      options.onProgress?.(progress);
    }, BATCH_EVERY_MS);

    let stopping: Promise<RunOutcome> | null = null;
    const finish = async (reason: string): Promise<RunOutcome> => {
      if (reason !== 'finished') requestStop(control);
      options.onProgress?.((progress = { ...progress, phase: 'finishing' }));
      await Promise.all(recording.map((h) => h.ask({ type: 'flush' }, 'flushed')));
      clearInterval(ticker);
      recorder.finish();
      progress = { ...progress, elapsedMs: performance.now() - runStart };
      const last = recorder.takeBatch();
      if (last.spans.length || last.requests.length || last.loop.length || last.lanes.length) options.onBatch?.(last);
      options.onProgress?.(progress);
      await Promise.all(handles.map((h) => h.terminate()));
      const summary = computeSummary({
        lanes: recorder.lanes,
        spans: recorder.spanData,
        requests: recorder.requests,
        loop: recorder.loop,
      });
      const status = failure ? 'failed' : reason === 'finished' ? 'complete' : 'stopped';
      return { status, error: failure, summary, lanes: recorder.lanes, clockSkewMs, startupMs };
    };
    const done = loadDone.then((reason) => (stopping ??= finish(reason)));
    return {
      done,
      stop: () => {
        loadgen.send({ type: 'stop' });
        requestStop(control);
        return done;
      },
    };
  } catch (error) {
    requestStop(control);
    await Promise.all(handles.map((h) => h.terminate()));
    throw new Error(failure ?? `could not start the run: ${(error as Error).message}`, { cause: error });
  }
}

/** Longest the load generator's warm-up may take before the load starts anyway (it is ~0.1–1 s). */
const WARM_UP_TIMEOUT_MS = 30_000;

/** Longest a thread may take to say Ready: a hundred threads on a busy 2-core machine take ~15 s. */
const READY_TIMEOUT_MS = 60_000;

/** Every thread's Ready, unless one fails, the start is aborted, or it takes too long. */
function untilReady(handles: ThreadHandle[], signal: AbortSignal | undefined) {
  return new Promise<Awaited<ThreadHandle['ready']>[]>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the threads did not start within ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    );
    const onAbort = () => reject(new Error('stopped before the load started'));
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    Promise.all(handles.map((h) => h.ready))
      .then(resolve, reject)
      .finally(() => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      });
  });
}

/**
 * Wait until freshly started threads have finished their start-up work (module compilation,
 * the first garbage collections): until this process uses under a quarter of a core over 50 ms,
 * for at most 2 s. Otherwise the first requests would pay for it.
 */
async function settle(): Promise<void> {
  const deadline = performance.now() + 2_000;
  while (performance.now() < deadline) {
    const before = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 50));
    const used = process.cpuUsage(before);
    if ((used.user + used.system) / 1000 < 12.5) return;
  }
}

/**
 * Largest |thread clock − engine clock| over the threads, NTP-style (midpoint of the shortest of
 * five round trips). One thread at a time: asked all at once, the replies queue behind each
 * other and the round trips (so the uncertainty) grew to ~0.2 ms with a dozen threads.
 */
async function measureClockSkew(threads: ThreadHandle[], now: () => number): Promise<number> {
  let worst = 0;
  for (const t of threads) {
    let best = Infinity;
    let offset = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = now();
      const reply = await t.ask({ type: 'clock' }, 'clock');
      const t1 = now();
      if (reply && t1 - t0 < best) {
        best = t1 - t0;
        offset = reply.now - (t0 + t1) / 2;
      }
    }
    worst = Math.max(worst, Math.abs(offset) / 1000);
  }
  return worst;
}

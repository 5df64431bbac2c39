/**
 * How soon a run starts: Run → the timeline's first row in Chromium for the four presets a new
 * user meets first, on an app that starts every run's threads itself (cold) and on the app as
 * shipped, which keeps the last run's threads started ahead (warm; main/engine/threads/
 * thread-reserve.ts). A request cannot be drawn before it has been answered, so each figure's
 * detail also gives Interleave's own share: the first bar less the first request's own latency.
 * Then, on the engine alone: what starting 50 per-request threads costs cold and warm, and what
 * an idle spare thread costs in memory.
 */
import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { THREADS_AT_A_TIME } from '../../main/engine/threads/run-threads.ts';
import { prepareThreads, startScenario, ThreadReserve } from '../../main/engine/index.ts';
import { findPreset } from '../../shared/presets.ts';
import { scenarioSchema, type Scenario } from '../../shared/scenario.ts';
import { PREPARE_AFTER_MS, WARM_THREADS_KEPT } from '../../shared/limits.ts';
import { atMost, figure, type BenchResult, type Benchmark } from '../result.ts';
import { buildRenderer } from '../harness/build-renderer.ts';
import { openFirstBarSession, type FirstBar } from '../harness/first-bar-session.ts';
import { benchTempDir } from '../harness/temp-dir.ts';

const PRESETS = ['async-await', 'async-time-sleep', 'sync-workers', 'shop-mix'] as const;
const MANY_THREADS = 50;
const SPARES_MEASURED = 32;

/** Each preset's first bar, on an app that keeps threads (warm) or not (cold). */
async function firstBars(warm: boolean): Promise<FirstBar[]> {
  const dir = join(benchTempDir(), 'run-start');
  const staticDir = join(dir, 'ui');
  await buildRenderer(staticDir);
  const session = await openFirstBarSession(
    join(dir, warm ? 'warm' : 'cold'),
    staticDir,
    warm ? WARM_THREADS_KEPT : undefined,
  );
  try {
    const bars: FirstBar[] = [];
    for (const preset of PRESETS) {
      if (warm) {
        // The app keeps what the last run used: run the preset once, let its threads start again.
        await session.measure(preset);
        await session.app.whenThreadsReady();
      }
      bars.push(await session.measure(preset));
    }
    return bars;
  } finally {
    await session.close();
  }
}

/** `concurrency` users of async-orm-per-request: a thread of its own for each request in flight. */
function perRequestThreads(concurrency: number): Scenario {
  const preset = findPreset('async-orm-per-request')!.scenario;
  return scenarioSchema.parse({
    ...preset,
    load: { ...preset.load, concurrency, end: { kind: 'requests', count: concurrency } },
  });
}

/** Run → load start on the engine (threads started, clocks checked, warmed up), and the threads it started. */
async function engineStart(scenario: Scenario, reserve?: ThreadReserve) {
  const startedAt = performance.now();
  const running = await startScenario(scenario, { shopDbFile: join(benchTempDir(), 'shop.db'), reserve });
  const startMs = performance.now() - startedAt;
  const outcome = await running.done;
  if (outcome.status !== 'complete') throw new Error(`the run ended ${outcome.status}: ${outcome.error}`);
  return { startMs, threads: outcome.threads! };
}

/**
 * Node's own floor for a cold start: `n` threads that load nothing and say Ready at once, started
 * THREADS_AT_A_TIME at a time as a run starts its own, until the last is Ready (ms).
 */
async function emptyThreadsStartMs(n: number): Promise<number> {
  const code = "import { parentPort } from 'node:worker_threads'; parentPort.postMessage('ready');";
  const url = new URL(`data:text/javascript,${encodeURIComponent(code)}`);
  const workers: Worker[] = [];
  const startedAt = performance.now();
  try {
    for (let i = 0; i < n; i += THREADS_AT_A_TIME) {
      const group = Array.from({ length: Math.min(THREADS_AT_A_TIME, n - i) }, () => new Worker(url, { execArgv: [] }));
      workers.push(...group);
      await Promise.all(group.map((w) => once(w, 'message')));
    }
    return performance.now() - startedAt;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Resident memory one idle spare adds (MiB), over SPARES_MEASURED executor spares. */
async function spareMemoryMib(): Promise<number> {
  const reserve = new ThreadReserve(join(benchTempDir(), 'shop.db'), SPARES_MEASURED);
  try {
    const before = process.memoryUsage().rss;
    await reserve.refill({ executor: SPARES_MEASURED });
    await new Promise((r) => setTimeout(r, 1_000));
    return (process.memoryUsage().rss - before) / SPARES_MEASURED / 2 ** 20;
  } finally {
    await reserve.dispose();
  }
}

const ms = (v: number) => `${Math.round(v)} ms`;
const barDetail = (b: FirstBar) =>
  `first request answered ${ms(b.firstAnswerMs)} after the load started, so Interleave's own share was ${ms(b.firstBarMs - b.firstAnswerMs)}; ${b.threads.total} threads, ${b.threads.warm} started ahead`;

export const runStart: Benchmark = {
  id: 'run-start',
  title: 'Run → first bar, cold and warm',
  budgetSeconds: 240,
  async run() {
    const cold = await firstBars(false);
    const warm = await firstBars(true);
    const results: BenchResult[] = [];
    for (const [i, preset] of PRESETS.entries()) {
      results.push(
        figure({
          name: `Run → first bar drawn, ${preset}, threads started by the run (cold)`,
          value: cold[i].firstBarMs,
          unit: 'ms',
          digits: 0,
          limitedBy: 'starting the threads (new Worker, code, SQLite)',
          detail: barDetail(cold[i]),
        }),
        figure({
          name: `Run → first bar drawn, ${preset}, threads started ahead (warm)`,
          value: warm[i].firstBarMs,
          unit: 'ms',
          digits: 0,
          limitedBy: 'the first request itself, then the warm-up',
          why: "with the threads started ahead (and, while they waited, their HTTP paths exercised and their clocks checked), what is left is the spares' Ready once given their run, about 60 unrecorded warm-up requests that open the load generator's connections, the run's first batch reaching the page, and the first request's own latency; an open-model run (shop-mix) does not rehearse its schedule in the run, its load generator did while it waited",
          detail: barDetail(warm[i]),
        }),
      );
    }
    const ownShares = warm.map((b) => b.firstBarMs - b.firstAnswerMs);
    const ownShare = Math.max(...ownShares);
    const worst = warm[ownShares.indexOf(ownShare)];
    results.push(
      figure({
        name: "Run → first bar, warm: Interleave's own share (worst of the four presets)",
        value: ownShare,
        unit: 'ms',
        target: atMost(100),
        digits: 0,
        limitedBy: `${worst.preset}: spares given their run, the warm-up`,
        why: "the way from the click to the page and back. The first bar less the first request's own latency (a request that awaits 100 ms is drawn when it is answered): the click reaching the host, the run stored, the spares given their run, their Ready and clock check, the unrecorded warm-up, the first batch sent to the page and drawn",
        detail: warm.map((b) => `${b.preset} ${ms(b.firstBarMs - b.firstAnswerMs)}`).join(', '),
      }),
    );

    const many = perRequestThreads(MANY_THREADS);
    const floorMs = await emptyThreadsStartMs(MANY_THREADS);
    const coldStart = await engineStart(many);
    const reserve = new ThreadReserve(join(benchTempDir(), 'shop.db'), WARM_THREADS_KEPT);
    try {
      await prepareThreads(reserve, many);
      const warmStart = await engineStart(many, reserve);
      const perThread = coldStart.startMs / coldStart.threads.started;
      results.push(
        figure({
          name: `engine: Run → load start, ${MANY_THREADS} per-request threads, cold`,
          value: coldStart.startMs,
          unit: 'ms',
          target: atMost(1_000),
          digits: 0,
          limitedBy: 'starting the threads (new Worker, code, SQLite)',
          why: `each new thread boots a V8 isolate (Node's own part: the floor below), loads its code and the SQLite driver, opens the shop and warms the JIT; ${coldStart.threads.started} of them, ${THREADS_AT_A_TIME} at a time, on this machine's cores. The app starts them ahead once the settings on screen have rested ${PREPARE_AFTER_MS} ms (the figure below), so a person meets this only by pressing Run sooner than that after a change`,
          detail: `${perThread.toFixed(1)} ms a thread over ${coldStart.threads.started} threads; ${MANY_THREADS} empty Node threads alone took ${ms(floorMs)} here, ${(floorMs / MANY_THREADS).toFixed(1)} ms a thread`,
        }),
        figure({
          name: `engine: Run → load start, ${MANY_THREADS} per-request threads, started ahead`,
          value: warmStart.startMs,
          unit: 'ms',
          target: atMost(1_000),
          digits: 0,
          limitedBy: "the load generator's warm-up",
          detail: `${warmStart.threads.warm} of ${warmStart.threads.started} threads started ahead`,
        }),
      );
    } finally {
      await reserve.dispose();
    }
    results.push(
      figure({
        name: 'memory: one idle spare thread (resident)',
        value: await spareMemoryMib(),
        unit: 'MiB',
        digits: 1,
        limitedBy: 'a V8 isolate with its code and SQLite',
        detail: `over ${SPARES_MEASURED} executor spares; the app keeps at most ${WARM_THREADS_KEPT}, as many of each kind as the last run used`,
      }),
    );
    return results;
  },
};

/**
 * How long the host's main thread is held at a stretch during a big run, in a process of its own:
 *
 *   node --import tsx bench/harness/main-thread-child.ts REQUESTS USERS
 *
 * The run is the shop preset's views under a closed load of USERS users, through the app's own
 * parts (engine, run service, store on a fresh data folder, as main/app/app.ts composes them).
 * In Electron this thread is the browser process: whatever holds it (the engine's coordinator,
 * the store's writes, the summary at the end) also holds the window's input and IPC.
 *
 * perf_hooks.monitorEventLoopDelay samples the loop every millisecond: its maximum is the longest
 * stretch the thread could not get back to its loop, from the load's start (the first 'running'
 * progress) to the 'finished' event, in wall time. On a loaded machine much of that is waiting
 * for a CPU, so main-thread-stalls.ts splits each stretch into the thread's own CPU time and its
 * wait in the run queue (Linux's schedstat): the CPU part is the synchronous work. Starting the
 * threads (seeding, calibrating, spawning) and finishing (flushing, stopping threads, the summary,
 * the last write) are reported apart from the load. Every store write is timed too.
 * Prints one JSON line (MainThreadReport).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { EventHub } from '../../main/app/event-hub.ts';
import { RunService } from '../../main/app/run-service.ts';
import { RunStore } from '../../main/store/run-store.ts';
import { findPreset } from '../../shared/presets.ts';
import { scenarioSchema } from '../../shared/scenario.ts';
import type { TraceBatch } from '../../shared/trace.ts';
import { schedstat, watchStalls, type Stall } from './main-thread-stalls.ts';

export interface MainThreadReport {
  status: string;
  requests: number;
  throughputRps: number;
  makespanMs: number;
  /** Longest time the main thread did not get back to its event loop while the load ran, ms. */
  longestStretchMs: number;
  /** 99th percentile of the loop's delay while the load ran, ms. */
  p99DelayMs: number;
  /** Longest stretch while the run's threads started (before the load), ms. */
  startupLongestMs: number;
  /** The stretch our code held this thread longest (ran or blocked, not waiting for a CPU) in each part of the run. */
  longestHeld: Record<'starting' | 'load' | 'finishing', Stall | null>;
  batches: number;
  /** Longest store write, wall time, ms. */
  longestWriteMs: number;
  /** Longest store write without the time waiting for a CPU (held: running or blocked in a call), ms. */
  longestWriteHeldMs: number;
  /** From the engine's last batch to the 'finished' event (summary, last write, stored), ms. */
  endMs: number;
}

/** The histogram records nanoseconds. */
const ms = (ns: number) => ns / 1e6;

const [requests, users] = process.argv.slice(2).map(Number);
const dataDir = mkdtempSync(join(tmpdir(), 'interleave-bench-main-'));
try {
  const { store } = RunStore.open(join(dataDir, 'runs.db'));
  const events = new EventHub();
  const runs = new RunService(store, join(dataDir, 'shop.db'), events, availableParallelism());
  const append = store.appendBatch.bind(store);
  let batches = 0;
  let longestWriteMs = 0;
  let longestWriteHeldMs = 0;
  let lastBatchAt = 0;
  store.appendBatch = (runId: number, batch: TraceBatch) => {
    const started = performance.now();
    const [, waitBefore] = schedstat();
    append(runId, batch);
    const wall = performance.now() - started;
    longestWriteMs = Math.max(longestWriteMs, wall);
    longestWriteHeldMs = Math.max(longestWriteHeldMs, wall - (schedstat()[1] - waitBefore) / 1e6);
    batches++;
    lastBatchAt = performance.now();
  };
  const shop = findPreset('shop-mix')!.scenario;
  const scenario = scenarioSchema.parse({
    ...shop,
    name: `bench: shop at ${users} users`,
    load: { model: 'closed', concurrency: users, end: { kind: 'requests', count: requests } },
  });

  const startup = monitorEventLoopDelay({ resolution: 1 });
  const load = monitorEventLoopDelay({ resolution: 1 });
  startup.enable();
  const stalls = watchStalls();
  let phase = 'starting';
  events.on('run', (e) => {
    if (e.type !== 'progress') return;
    if (e.progress.phase === 'running' && phase === 'starting') {
      startup.disable();
      load.enable();
      stalls.setPhase((phase = 'load'));
    } else if (e.progress.phase === 'finishing' && phase === 'load') stalls.setPhase((phase = 'finishing'));
  });
  const finished = new Promise<number>((resolve) =>
    events.on('run', (e) => e.type === 'finished' && resolve(performance.now())),
  );
  await runs.start(scenario, scenario.name);
  const finishedAt = await finished;
  load.disable();
  const seen = stalls.stop();
  const longest = (during: string) =>
    seen.filter((x) => x.during === during).reduce<Stall | null>((a, b) => (a && a.heldMs >= b.heldMs ? a : b), null);
  const info = store.listRuns()[0];
  store.close();
  const report: MainThreadReport = {
    status: info.status,
    requests: info.summary?.requests ?? 0,
    throughputRps: info.summary?.throughputRps ?? 0,
    makespanMs: info.summary?.makespanMs ?? 0,
    longestStretchMs: ms(load.max),
    p99DelayMs: ms(load.percentile(99)),
    startupLongestMs: ms(startup.max),
    longestHeld: { starting: longest('starting'), load: longest('load'), finishing: longest('finishing') },
    batches,
    longestWriteMs,
    longestWriteHeldMs,
    endMs: finishedAt - lastBatchAt,
  };
  console.log(JSON.stringify(report));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);

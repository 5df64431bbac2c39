/**
 * How long the host's main thread is held at a stretch during a big run: the shop preset's views
 * at 200 users, through the engine, the run service and the store in one process, as the app
 * composes them. In Electron that thread is the browser process, so a long stretch there is a
 * window that does not answer. See harness/main-thread-child.ts for how a stretch is measured
 * and harness/main-thread-stalls.ts for why wall time alone says little on a loaded machine.
 */
import { join } from 'node:path';
import { atMost, figure, type Benchmark } from '../result.ts';
import type { MainThreadReport } from '../harness/main-thread-child.ts';
import type { Stall } from '../harness/main-thread-stalls.ts';
import { lastJsonLine, REPO_ROOT, runNodeChild } from '../harness/child-process.ts';

const REQUESTS = 5_000;
const USERS = 200;
/** A frame and a half: longer and the window visibly stops answering. */
const HELD_TARGET_MS = 50;

const split = (s: Stall | null) =>
  s
    ? `${s.wallMs.toFixed(0)} ms between two turns of the loop: ${s.cpuMs.toFixed(1)} ms on a CPU, ${(s.heldMs - s.cpuMs).toFixed(1)} ms blocked in a call, ${s.waitMs.toFixed(0)} ms waiting for a CPU`
    : 'no stretch over 10 ms';

export const mainThread: Benchmark = {
  id: 'main-thread',
  title: 'The main thread during a big run',
  budgetSeconds: 240,
  async run() {
    const out = await runNodeChild(
      ['--import', 'tsx', join(REPO_ROOT, 'bench', 'harness', 'main-thread-child.ts'), String(REQUESTS), String(USERS)],
      { timeoutMs: 230_000 },
    );
    const r = lastJsonLine<MainThreadReport>(out);
    if (r.status !== 'complete') throw new Error(`the run ended ${r.status}`);
    const run = `shop preset's views, ${USERS} users, ${REQUESTS.toLocaleString('en')} requests: ${Math.round(r.throughputRps)} req/s over ${(r.makespanMs / 1000).toFixed(1)} s, ${r.batches} batches written`;
    const held = (part: keyof MainThreadReport['longestHeld']) => r.longestHeld[part]?.heldMs ?? 0;
    return [
      figure({
        name: `main thread: longest stretch held while the load runs (shop, ${USERS} users)`,
        value: held('load'),
        unit: 'ms',
        target: atMost(HELD_TARGET_MS),
        digits: 1,
        limitedBy: 'blocked on other threads under load; the store ≤ 15 ms',
        why: `the main thread coordinates the run (the threads' reports, a batch every 100 ms) and writes each batch to the store. The longest write held it ${r.longestWriteHeldMs.toFixed(1)} ms (${r.longestWriteMs.toFixed(1)} ms of wall time, the rest waiting for a CPU), so moving the writes to a worker thread would not shorten the longest stretch: that one is almost all blocked time with ~1 ms on a CPU, the thread waiting inside a call on another thread (handling the threads' messages, where timing each handler found up to 194 ms; a lock or a GC helper whose thread the loaded machine did not run). Stretches are split with Linux's per-thread schedstat into running, blocked in a call and waiting for a CPU; held = running + blocked`,
        detail: `${split(r.longestHeld.load)}; event-loop delay (wall, waiting for a CPU included): max ${r.longestStretchMs.toFixed(0)} ms, p99 ${r.p99DelayMs.toFixed(1)} ms; ${run}`,
      }),
      figure({
        name: 'main thread: longest stretch held while the run finishes',
        value: held('finishing'),
        unit: 'ms',
        digits: 1,
        limitedBy: 'joining the stopped threads as they exit',
        why: "after the load every thread flushes, is terminated, and the summary is computed and stored. Node joins each worker's OS thread on the main thread when its exit is handled, and a terminated worker still has to be scheduled to tear its heap down: terminating all 200 at once held the main thread 1.5 s (3.0 s in one turn at a load average of 38), almost all of it blocked, not running. The engine ends them eight at a time (main/engine/threads/run-threads.ts), so a turn joins at most eight",
        detail: `${split(r.longestHeld.finishing)}; from the last batch to 'finished' ${r.endMs.toFixed(0)} ms of wall time`,
      }),
      figure({
        name: "main thread: longest stretch held while the run's threads start",
        value: held('starting'),
        unit: 'ms',
        digits: 0,
        limitedBy: 'calibrating the CPU step; threads start eight at a time',
        why: 'before the load: seeding the shop, calibrating the CPU step (~30–50 ms on a CPU) and creating every thread of the run (a thread per request in flight: 200 here), outside the measured window; the UI shows the run as starting. `new Worker` runs on the main thread and waits there for locks that starting threads hold: with all 200 created at once one call waited 0.2–0.3 s and the stretch was 7 s; the engine now lets at most eight new threads start at once, in the same total time',
        detail: split(r.longestHeld.starting),
      }),
    ];
  },
};

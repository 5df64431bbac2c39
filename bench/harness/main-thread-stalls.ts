/**
 * Stretches during which this thread did not get back to its event loop, split into the time it
 * ran and the time it waited for a CPU.
 *
 * A delay histogram (perf_hooks.monitorEventLoopDelay) measures wall time: on a loaded 2-core
 * machine a thread that has nothing to do can still wait hundreds of milliseconds for a CPU, and
 * that shows as a "stall" no code of ours caused. Linux says, per thread, how long it ran and how
 * long it sat runnable in a run queue (/proc/thread-self/schedstat, in ns). A 2 ms timer reads it
 * on every turn; for each gap between turns the difference says how much of the gap the thread
 * ran, how much it waited for a CPU, and the rest, in which it was neither: blocked inside a call
 * (a lock, joining a thread, a disk write). Held = ran + blocked: the stretch our own code kept
 * the thread from its loop, whatever the machine's load.
 */
import { readFileSync } from 'node:fs';

export interface Stall {
  /** Wall time between two turns of the loop, ms. */
  wallMs: number;
  /** Of it, time this thread ran on a CPU, ms: the synchronous stretch itself. */
  cpuMs: number;
  /** Of it, time it was runnable but waited for a CPU, ms. */
  waitMs: number;
  /** Of it, time our code held the thread: on a CPU or blocked in a call (wall − wait), ms. */
  heldMs: number;
  /** What the run was doing then (the caller's label). */
  during: string;
}

/** This thread's time on a CPU and waiting for one since it started, ns. */
export function schedstat(): [cpuNs: number, waitNs: number] {
  const [cpu, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
  return [cpu, wait];
}

/** Watches this thread's loop until stopped; keeps every gap longer than `minWallMs`. */
export function watchStalls(minWallMs = 10): {
  setPhase(label: string): void;
  stop(): Stall[];
} {
  const stalls: Stall[] = [];
  let phase = 'starting';
  let last = performance.now();
  let [lastCpu, lastWait] = schedstat();
  const tick = () => {
    const now = performance.now();
    const [cpu, wait] = schedstat();
    if (now - last >= minWallMs)
      stalls.push({
        wallMs: now - last,
        cpuMs: (cpu - lastCpu) / 1e6,
        waitMs: (wait - lastWait) / 1e6,
        heldMs: now - last - (wait - lastWait) / 1e6,
        during: phase,
      });
    last = now;
    lastCpu = cpu;
    lastWait = wait;
  };
  const timer = setInterval(tick, 2);
  return {
    setPhase(label) {
      tick();
      phase = label;
    },
    stop() {
      clearInterval(timer);
      tick();
      return stalls;
    },
  };
}

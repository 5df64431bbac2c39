/**
 * Waits for the machine to go quiet before a benchmark: until its cores, all processes counted,
 * were busy under QUIET_SHARE of a QUIET_WINDOW_MS window, for at most QUIET_MAX_MS. A benchmark
 * right after one that ran 100,000 requests or a browser otherwise measured the one before:
 * the streaming frame p95 read 18 ms after the suite's earlier benchmarks, 12 ms on its own.
 */
import { cpus } from 'node:os';

const QUIET_SHARE = 0.15;
const QUIET_WINDOW_MS = 500;
const QUIET_MAX_MS = 20_000;

/** Busy and total CPU time over all cores since boot (ms). */
function cpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    busy += all - times.idle;
    total += all;
  }
  return { busy, total };
}

/** Resolves with how long it waited (ms), and the busy share of the last window. */
export async function waitForQuietMachine(): Promise<{ waitedMs: number; busyShare: number }> {
  const started = performance.now();
  let busyShare = 1;
  while (performance.now() - started < QUIET_MAX_MS) {
    const before = cpuTimes();
    await new Promise((r) => setTimeout(r, QUIET_WINDOW_MS));
    const after = cpuTimes();
    const total = after.total - before.total;
    busyShare = total > 0 ? (after.busy - before.busy) / total : 0;
    if (busyShare < QUIET_SHARE) break;
  }
  return { waitedMs: performance.now() - started, busyShare };
}

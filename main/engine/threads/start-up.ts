/**
 * The start-up steps between starting a run's threads and starting its load: every thread's
 * Ready, the threads' clocks against the engine's, the load generator's warm-up, and a machine
 * that has settled down after starting them all.
 */
import type { ThreadHandle } from './thread-handle.ts';

/** Longest the load generator's warm-up may take before the load starts anyway (it is ~0.1–1 s). */
const WARM_UP_TIMEOUT_MS = 30_000;

/** Longest a thread may take to say Ready: a hundred threads on a busy 2-core machine take ~15 s. */
export const READY_TIMEOUT_MS = 60_000;

/** Every thread's Ready, unless one fails, the start is aborted, or it takes too long. */
export function untilReady(handles: ThreadHandle[], signal: AbortSignal | undefined) {
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
 * The load generator opens its connections and warms the server's code paths, unrecorded. With
 * several server processes (uvicorn --workers), connection i goes to port i mod their count, or
 * to the process `placement` names for it (the scenario's connectionProcesses).
 * When every server thread was a spare, it exercised its HTTP paths before the run
 * (http-exercise.ts): a load generator that did too only opens its connections.
 */
export async function warmUp(
  loadgen: ThreadHandle,
  servers: ThreadHandle[],
  placement: readonly number[] | undefined,
): Promise<void> {
  const ports = await Promise.all(servers.map(async (s) => (await s.ready).port ?? 0));
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  // The load generator sends connection i to serverUrls[i mod their count].
  const serverUrls = servers.length > 1 && placement ? placement.map((p) => urls[p]) : urls;
  const serverExercised = servers.every((s) => s.spare);
  await loadgen.ask({ type: 'warm-up', serverUrls, serverExercised }, 'warmed', WARM_UP_TIMEOUT_MS);
}

/**
 * Wait until freshly started threads have finished their start-up work (module compilation,
 * the first garbage collections): until this process uses under a quarter of a core over 50 ms,
 * for at most 2 s. Otherwise the first requests would pay for it.
 */
export async function settle(): Promise<void> {
  const deadline = performance.now() + 2_000;
  while (performance.now() < deadline) {
    const before = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 50));
    const used = process.cpuUsage(before);
    if ((used.user + used.system) / 1000 < 12.5) return;
  }
}

/** Round trips per thread when checking its clock; the shortest one counts. */
export const CLOCK_ROUND_TRIPS = 5;

/**
 * Largest |thread clock − engine clock| over the threads, NTP-style (midpoint of the shortest of
 * five round trips). One thread at a time: asked all at once, the replies queue behind each
 * other and the round trips (so the uncertainty) grew to ~0.2 ms with a dozen threads.
 */
export async function measureClockSkew(threads: ThreadHandle[], now: () => number): Promise<number> {
  let worst = 0;
  for (const t of threads) {
    // A spare's clock was measured while it waited (thread-reserve.ts).
    if (t.clockSkewMs !== null) {
      worst = Math.max(worst, t.clockSkewMs);
      continue;
    }
    let best = Infinity;
    let offset = 0;
    for (let i = 0; i < CLOCK_ROUND_TRIPS; i++) {
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

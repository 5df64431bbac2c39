/**
 * Test helper: the engine's load-generator thread on its own, pointed at a server the test
 * wrote (paths /ep/0 and /__warm-up), started and fed as the engine starts it, with every
 * record it sends. The thread is terminated when the run ends, also when it fails.
 */
import { monotonicMs } from '../../../../main/engine/clock.ts';
import { spawnWorker } from '../../../../main/engine/threads/spawn.ts';
import { ThreadHandle } from '../../../../main/engine/threads/thread-handle.ts';
import type { ThreadReserve } from '../../../../main/engine/threads/thread-reserve.ts';
import type { LoadgenThreadData } from '../../../../main/engine/threads/protocol.ts';
import { unpackRequests } from '../../../../shared/packed-requests.ts';
import type { LoadConfig } from '../../../../shared/scenario.ts';
import type { RequestRecord } from '../../../../shared/trace.ts';

export interface Driven {
  requests: RequestRecord[];
  /** Each record's raw Server-Timing header, in step with `requests` (captureServerTiming only). */
  serverTimings: string[];
}

export async function driveLoadgen(
  serverUrl: string,
  load: LoadConfig,
  extra: Partial<LoadgenThreadData> = {},
  /** Take the thread from this reserve's spares (it must hold a started load generator). */
  reserve?: ThreadReserve,
): Promise<Driven> {
  const out: Driven = { requests: [], serverTimings: [] };
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const data: LoadgenThreadData = { epochMs: monotonicMs(), load, weights: [1], seed: 1, firstClientLane: 0, ...extra };
  const spare = reserve?.take('loadgen', data, []);
  if (reserve && !spare) throw new Error('the reserve has no load generator started');
  const loadgen = new ThreadHandle(
    'loadgen',
    spare?.worker ?? spawnWorker('loadgen', data),
    (report) => {
      if (report.type === 'requests') {
        out.requests.push(...unpackRequests(report));
        out.serverTimings.push(...(report.serverTimings ?? []));
      } else if (report.type === 'load-done') finish();
    },
    (message) => fail(new Error(message)),
    spare !== undefined,
  );
  try {
    await loadgen.ready;
    const serverExercised = spare !== undefined;
    await loadgen.ask({ type: 'warm-up', serverUrls: [serverUrl], serverExercised }, 'warmed', 30_000);
    loadgen.send({ type: 'start' });
    await done;
    await loadgen.ask({ type: 'flush' }, 'flushed');
    return out;
  } finally {
    await loadgen.terminate();
  }
}

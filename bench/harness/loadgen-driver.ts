/**
 * Interleave's load generator on its own, pointed at any server: the engine's loadgen worker,
 * started and fed exactly as the engine starts it, without the engine's server or recorder.
 * This is how the same client drives both the engine's server and a bare one.
 */
import { monotonicMs } from '../../main/engine/clock.ts';
import { unpackRequests } from '../../shared/packed-requests.ts';
import { spawnWorker } from '../../main/engine/threads/spawn.ts';
import { ThreadHandle } from '../../main/engine/threads/thread-handle.ts';
import type { LoadgenThreadData } from '../../main/engine/threads/protocol.ts';
import type { LoadConfig } from '../../shared/scenario.ts';
import type { RequestRecord } from '../../shared/trace.ts';

const WARM_UP_TIMEOUT_MS = 30_000;

/** Runs `load` against `serverUrl` (paths /ep/0…); resolves to every request's record. */
export async function driveLoadgen(serverUrl: string, load: LoadConfig): Promise<RequestRecord[]> {
  const requests: RequestRecord[] = [];
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const data: LoadgenThreadData = { epochMs: monotonicMs(), load, weights: [1], seed: 1, firstClientLane: 1 };
  const loadgen = new ThreadHandle(
    'loadgen',
    spawnWorker('loadgen', data),
    (report) => {
      if (report.type === 'requests') for (const r of unpackRequests(report)) requests.push(r);
      else if (report.type === 'load-done') finish();
    },
    (message) => fail(new Error(message)),
  );
  try {
    await loadgen.ready;
    await loadgen.ask({ type: 'warm-up', serverUrls: [serverUrl] }, 'warmed', WARM_UP_TIMEOUT_MS);
    loadgen.send({ type: 'start' });
    await done;
    await loadgen.ask({ type: 'flush' }, 'flushed');
    return requests;
  } finally {
    await loadgen.terminate();
  }
}

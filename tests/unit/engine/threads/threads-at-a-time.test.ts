/**
 * A run's new threads start at most THREADS_AT_A_TIME at once (`new Worker` waits on the host's
 * main thread for locks that starting threads hold: two hundred at once held it 7 s), and end
 * the same way (ending one joins it there).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunThreads, THREADS_AT_A_TIME } from '../../../../main/engine/threads/run-threads.ts';

const THREADS = 3 * THREADS_AT_A_TIME + 2;

/** Runs `work` while a setImmediate chain notes `sample()` at every turn of the event loop. */
async function sampledDuring<T>(sample: () => T, work: () => Promise<void>): Promise<T[]> {
  const seen: T[] = [sample()];
  let done = false;
  const tick = () => {
    seen.push(sample());
    if (!done) setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  done = true;
  seen.push(sample());
  return seen;
}

test('no more than THREADS_AT_A_TIME new threads are starting at any moment, and all start', async () => {
  const failures: string[] = [];
  let ready = 0;
  const threads = new RunThreads(
    () => {},
    (m) => failures.push(m),
    { onReady: () => ready++ },
  );
  const starting: number[] = [];
  // The upstream thread needs no data: the simplest real thread the engine starts.
  await sampledDuring(
    () => starting.push(threads.all.length - ready),
    async () => {
      for (let i = 0; i < THREADS; i++) {
        await threads.start('upstream', {});
        starting.push(threads.all.length - ready);
      }
    },
  );
  await Promise.all(threads.all.map((h) => h.ready));
  assert.equal(ready, THREADS);
  assert.ok(
    starting.every((n) => n <= THREADS_AT_A_TIME),
    `starting at once, at most: ${starting.reduce((a, b) => Math.max(a, b), 0)}`,
  );
  assert.ok(starting.includes(THREADS_AT_A_TIME), 'they did start several at once');

  // Ending: how many threads have been told to end and not yet exited, at each call and exit.
  // (Counted per turn of the event loop it was flaky: on a busy machine the next eight can be
  // told and exit within the same turn as the last of the previous eight.)
  let ending = 0;
  const endingSeen: number[] = [];
  for (const h of threads.all) {
    const terminate = h.worker.terminate.bind(h.worker);
    h.worker.terminate = () => {
      endingSeen.push(++ending);
      return terminate();
    };
    h.worker.once('exit', () => endingSeen.push(--ending));
  }
  await threads.terminateAll();
  assert.equal(ending, 0);
  assert.equal(endingSeen.length, 2 * THREADS, 'each thread told once, exited once');
  assert.ok(Math.max(...endingSeen) <= THREADS_AT_A_TIME, `ending at once: ${endingSeen.join(', ')}`);
  assert.ok(endingSeen.includes(THREADS_AT_A_TIME), 'they did end several at once');
  assert.deepEqual(failures, []);
});

test('a start aborted while threads start creates no more', async () => {
  const controller = new AbortController();
  const threads = new RunThreads(
    () => {},
    () => {},
    { signal: controller.signal },
  );
  for (let i = 0; i < THREADS_AT_A_TIME; i++) await threads.start('upstream', {});
  controller.abort();
  await assert.rejects(threads.start('upstream', {}), { name: 'AbortError' });
  assert.equal(threads.all.length, THREADS_AT_A_TIME);
  await threads.terminateAll();
});

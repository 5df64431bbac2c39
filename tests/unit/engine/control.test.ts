/**
 * `blockFor` (time.sleep on an engine thread): it holds the thread (nothing else of the thread
 * runs meanwhile), never returns before its time, and a stop from another thread ends it at once
 * however long it was meant to last. Asserted as event order and lower bounds, which a slow
 * machine can only make larger.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { blockFor, createControl, requestStop, stopRequested } from '../../../main/engine/control.ts';

test('blockFor holds the thread: callbacks due meanwhile run only after it returns', () => {
  const control = createControl();
  const order: string[] = [];
  setImmediate(() => order.push('immediate'));
  Promise.resolve().then(() => order.push('microtask'));
  const t0 = performance.now();
  blockFor(control, 20);
  const elapsed = performance.now() - t0;
  order.push('returned');
  assert.deepEqual(order, ['returned'], 'nothing else ran on this thread while it blocked');
  assert.ok(elapsed >= 20, `never returns early: ${elapsed} ms`);
  return new Promise<void>((resolve) =>
    setImmediate(() => {
      assert.deepEqual(order, ['returned', 'microtask', 'immediate']);
      resolve();
    }),
  );
});

test('blockFor of nothing returns at once; a stopped run does not block at all', () => {
  const control = createControl();
  blockFor(control, 0);
  blockFor(control, -5);
  requestStop(control);
  const t0 = performance.now();
  blockFor(control, 60_000);
  assert.ok(stopRequested(control));
  assert.ok(performance.now() - t0 < 60_000, 'returned without waiting out the minute');
});

test('a stop from another thread ends a 60 s block at once', async (t) => {
  const control = createControl();
  const module = new URL('../../../main/engine/control.ts', import.meta.url).href;
  // The worker blocks for a minute; this thread asks it to stop once it says it is blocking.
  const source = `
    import('tsx/esm/api').then(async ({ register }) => {
      register();
      const { parentPort, workerData } = await import('node:worker_threads');
      const { blockFor, stopRequested } = await import(${JSON.stringify(module)});
      parentPort.postMessage('blocking');
      blockFor(workerData, 60_000);
      parentPort.postMessage(stopRequested(workerData) ? 'returned after stop' : 'returned without stop');
    });`;
  const worker = new Worker(source, { eval: true, workerData: control });
  t.after(() => worker.terminate());
  const events: string[] = [];
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (m: string) => {
      events.push(m);
      if (m === 'blocking') {
        events.push('stop');
        requestStop(control);
      } else resolve();
    });
    worker.once('error', reject);
  });
  assert.deepEqual(events, ['blocking', 'stop', 'returned after stop']);
});

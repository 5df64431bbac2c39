/**
 * `preciseSleep` (await asyncio.sleep): it never resolves before its deadline, lets the thread's
 * other work run while it waits (unlike blockFor), and, with a stop requested, ends at its next
 * turn instead of spinning to the deadline. Asserted as event order, turn counts and lower
 * bounds, not as how late it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createControl, requestStop } from '../../../../main/engine/control.ts';
import { preciseSleep } from '../../../../main/engine/steps/precise-sleep.ts';

/** Counts event-loop turns (setImmediate callbacks) until stopped. */
function turnCounter() {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    get turns() {
      return turns;
    },
    stop: () => void (running = false),
  };
}

for (const ms of [0.2, 1.5, 5, 20]) {
  test(`${ms} ms: never resolves before its deadline`, async () => {
    const t0 = performance.now();
    await preciseSleep(ms, createControl());
    const elapsed = performance.now() - t0;
    assert.ok(elapsed >= ms, `resolved after ${elapsed} ms`);
  });
}

test('the thread runs other work while it sleeps: timers due sooner, and many turns of the loop', async () => {
  const order: string[] = [];
  const counter = turnCounter();
  const sleeping = preciseSleep(50, createControl()).then(() => order.push('slept 50 ms'));
  // Timers fire in order of when they are due: one due at 10 ms comes before the sleep's own timer.
  setTimeout(() => order.push('timer at 10 ms'), 10);
  setImmediate(() => order.push('immediate'));
  await sleeping;
  counter.stop();
  assert.deepEqual(order, ['immediate', 'timer at 10 ms', 'slept 50 ms']);
  assert.ok(counter.turns >= 2, `${counter.turns} turns of the loop while it slept`);
});

test('with a stop requested, it ends at its first turn instead of approaching the deadline', async () => {
  const control = createControl();
  requestStop(control);
  const counter = turnCounter();
  await preciseSleep(1.5, control);
  counter.stop();
  assert.ok(counter.turns <= 1, `resolved within ${counter.turns} turn(s)`);
});

// The open model's arrivals (main/engine/loadgen/schedule.ts), on a clock the test holds still:
// every arrival is due at once, at most `maxInFlight` leave, the rest wait in order with their
// intended time kept, and a finished request's connection is the next one used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runOpen, type Window } from '../../../../main/engine/loadgen/schedule.ts';

const START = 1_000;

function window(countLimit: number): Window {
  return { startedAt: START, countLimit, durationMs: Infinity, sent: 0, recorded: true };
}

test('arrivals beyond maxInFlight wait in order, keep their intended time, and reuse connections', async () => {
  const sent: { id: number; conn: number; intended: number }[] = [];
  const finish: (() => void)[] = [];
  let inFlight = 0;
  let most = 0;
  const w = window(5);
  const done = runOpen(w, {
    now: () => START,
    gap: () => 0,
    maxInFlight: 2,
    inFlight: () => inFlight,
    stopped: () => false,
    send: (id, conn, intended) => {
      sent.push({ id, conn, intended });
      most = Math.max(most, ++inFlight);
      return new Promise<void>((resolve) => finish.push(() => (inFlight--, resolve())));
    },
    idle: [],
    opened: 0,
  });
  // Answer the oldest request whenever one is out, until all five have been sent and answered.
  while (sent.length < 5 || finish.length > 0) {
    await new Promise((r) => setImmediate(r));
    finish.shift()?.();
  }
  await done;
  assert.equal(most, 2);
  assert.deepEqual(
    sent.map((s) => s.id),
    [0, 1, 2, 3, 4],
  );
  assert.ok(sent.every((s) => s.intended === START));
  assert.deepEqual(new Set(sent.map((s) => s.conn)), new Set([0, 1]), 'two connections, each used again');
  assert.equal(w.sent, 5);
});

test('a window ends at its duration: arrivals every 10 ms for 35 ms are four', async () => {
  let clock = START;
  const ids: number[] = [];
  const w: Window = { startedAt: START, countLimit: Infinity, durationMs: 35, sent: 0, recorded: false };
  await runOpen(w, {
    // Each look at the clock moves it 1 ms on, so the schedule's own waits pass without sleeping.
    now: () => (clock += 1_000),
    gap: () => 10,
    maxInFlight: 10,
    inFlight: () => 0,
    stopped: () => false,
    send: async (id) => void ids.push(id),
    idle: [],
    opened: 0,
  });
  // Arrivals at 0, 10, 20 and 30 ms; the next, at 40, is past the window's 35 ms.
  assert.deepEqual(ids, [0, 1, 2, 3]);
});

/**
 * The interpreter lock itself, with two real worker threads contending for it: who gets it
 * when, that a holder lets go only after a waiter has waited a whole switch interval, and that
 * taking the lock clears a drop request meant for the previous holder. Asserted on the order
 * of the threads' events and on counters; the only times compared are lower bounds the lock
 * guarantees (a slower machine only makes them larger).
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { createGilState, InterpreterLock, SWITCH_INTERVAL_MS } from '../../../main/engine/gil.ts';
import { BOARD, EV, LOG_SIZE, type ContenderData } from './gil-contender-protocol.ts';

const WORKER_URL = new URL('./gil-contender.worker.ts', import.meta.url).href;

interface Event {
  who: 'A' | 'B';
  event: keyof typeof EV;
  at: number;
}

/** Runs both roles of a scenario on two threads; resolves with the event log and the board. */
async function contend(t: TestContext, scenario: ContenderData['scenario']) {
  const shared = {
    gil: createGilState(),
    board: new Int32Array(new SharedArrayBuffer(16 * 4)),
    events: new Int32Array(new SharedArrayBuffer((1 + LOG_SIZE) * 4)),
    times: new Float64Array(new SharedArrayBuffer(LOG_SIZE * 8)),
  };
  // `--import tsx` does not reach workers on Node 20: each worker registers tsx itself.
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); })`;
  const workers = (['A', 'B'] as const).map(
    (role) => new Worker(bootstrap, { eval: true, workerData: { scenario, role, ...shared } satisfies ContenderData }),
  );
  t.after(() => Promise.all(workers.map((w) => w.terminate())));
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.once('message', () => resolve());
          w.once('error', reject);
          w.once('exit', (code) => reject(new Error(`a contender exited with ${code} before it was done`)));
        }),
    ),
  );
  const names = Object.fromEntries(Object.entries(EV).map(([k, v]) => [v, k])) as Record<number, keyof typeof EV>;
  const log: Event[] = [];
  for (let i = 0; i < shared.events[0]; i++) {
    const packed = shared.events[1 + i];
    log.push({ who: packed >> 8 === 1 ? 'A' : 'B', event: names[packed & 0xff], at: shared.times[i] });
  }
  return { log, board: shared.board };
}

const index = (log: Event[], who: 'A' | 'B', event: keyof typeof EV) => {
  const i = log.findIndex((e) => e.who === who && e.event === event);
  assert.ok(i >= 0, `${who} logged ${event}: ${JSON.stringify(log)}`);
  return i;
};

test('hand-over: the holder lets go only after the waiter waited a switch interval, then the roles swap', async (t) => {
  const { log, board } = await contend(t, 'switch');
  const story = log.map((e) => `${e.who} ${e.event}`);
  const at = (who: 'A' | 'B', event: keyof typeof EV) => index(log, who, event);

  // The order of hand-over: A holds, B asks, A sees the request and yields, B takes it; then A
  // asks again, B sees the request and yields, A takes it back and releases.
  assert.ok(at('A', 'acquired') < at('B', 'asking'), story.join(', '));
  assert.ok(at('B', 'asking') < at('A', 'dropSeen'), story.join(', '));
  assert.ok(at('A', 'dropSeen') < at('B', 'acquired'), story.join(', '));
  assert.ok(at('A', 'yielded') < at('B', 'dropSeen'), story.join(', '));
  assert.ok(at('B', 'dropSeen') < at('A', 'reacquired'), story.join(', '));
  assert.ok(at('A', 'reacquired') < at('A', 'released'), story.join(', '));
  assert.equal(Atomics.load(board, BOARD.bWaited), 1, 'B had to wait for the lock');
  assert.equal(Atomics.load(board, BOARD.aWaitedAgain), 1, 'A had to wait to get it back');

  // Counters: alone, A computed its slices and was never asked to drop.
  assert.equal(Atomics.load(board, BOARD.aAloneSlices), 50);
  assert.equal(Atomics.load(board, BOARD.aAloneDrops), 0, 'no drop request while nobody waits');
  // B took the lock with no request pending, so it kept it until A had waited an interval.
  assert.equal(Atomics.load(board, BOARD.bDropAtTake), 0);

  // The switch interval, as lower bounds: a request comes no sooner than an interval after the
  // waiter began waiting (0.05 ms of slack for the two threads' stamps).
  const slack = 0.05;
  const firstWait = log[at('A', 'dropSeen')].at - log[at('B', 'asking')].at;
  assert.ok(firstWait >= SWITCH_INTERVAL_MS - slack, `A was asked ${firstWait} ms after B began to wait`);
  const secondWait = log[at('B', 'dropSeen')].at - log[at('A', 'yielded')].at;
  assert.ok(secondWait >= SWITCH_INTERVAL_MS - slack, `B was asked ${secondWait} ms after A began to wait`);
});

test('taking the lock clears a drop request meant for the previous holder', async (t) => {
  // A's work ends (a plain release) just as B's request comes, so the request is still set
  // when B takes the lock. CPython's take_gil resets it; left set, B would be forced off at its
  // first slice with nobody waiting for the lock.
  const { log, board } = await contend(t, 'cleared');
  const story = log.map((e) => `${e.who} ${e.event}`).join(', ');
  assert.ok(index(log, 'A', 'dropSeen') < index(log, 'A', 'released'), story);
  assert.ok(index(log, 'A', 'released') < index(log, 'B', 'acquired'), story);
  assert.equal(Atomics.load(board, BOARD.bWaited), 1, 'B waited, and asked A to drop');
  assert.equal(Atomics.load(board, BOARD.bDropAtTake), 0, 'no drop request pending once B holds the lock');
  assert.equal(Atomics.load(board, BOARD.bDropsWhileAlone), 0, 'none in 100 slices with nobody waiting');
});

test('a holder that lets go while asked to waits for the waiter to take it, and cannot take it straight back', async (t) => {
  // CPython's drop_gil: a pending request makes even a plain release a forced switch. Without
  // that, A (ending one cpu step and starting the next) would beat the waiter it had just woken.
  const { log, board } = await contend(t, 'hand-over');
  const story = log.map((e) => `${e.who} ${e.event}`).join(', ');
  assert.equal(Atomics.load(board, BOARD.bWaited), 1, 'B waited');
  assert.ok(index(log, 'B', 'acquired') < index(log, 'A', 'reacquired'), story);
  assert.ok(index(log, 'B', 'released') < index(log, 'A', 'reacquired'), story);
});

test('with the lock off (free-threaded Python) every call returns at once', () => {
  const lock = new InterpreterLock(null, 1);
  assert.equal(lock.enabled, false);
  assert.equal(lock.acquire(), false);
  assert.equal(lock.dropRequested(), false);
  lock.yieldToWaiter();
  lock.release();
});

test('one thread alone takes the lock without waiting, and again after releasing it', () => {
  const state = createGilState();
  const a = new InterpreterLock(state, 1);
  assert.equal(a.acquire(), false);
  assert.equal(a.dropRequested(), false);
  a.release();
  assert.equal(new InterpreterLock(state, 2).acquire(), false, 'free again for another thread');
});

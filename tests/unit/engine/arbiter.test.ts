/**
 * gunicorn's arbiter as a schedule (main/engine/server/arbiter.ts), in hand-computed model time:
 * it looks every second, aborts a worker at the first look more than --timeout after the worker
 * took its request, looks again at the aborted worker's exit, forks its replacement there (then
 * pauses 0.1 × random() s), and counts its next second from the end of its pauses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ARBITER_WAKE_US,
  ArbiterSchedule,
  WORKER_BOOT_US,
  WORKER_EXIT_US,
} from '../../../main/engine/server/arbiter.ts';

const S = 1_000_000;
const MS = 1_000;
/** Each pause after a fork is 0.1 × 0.5 s = 50 ms. */
const half = () => 0.5;

test('a worker that took its request 0.3 s after a look is aborted two looks later, not at the timeout', () => {
  const arbiter = new ArbiterSchedule(1 * S, 0, half);
  assert.equal(arbiter.nextWake, 1 * S);
  assert.deepEqual(arbiter.wake(1 * S), { aborted: [], replaced: [] });
  arbiter.took(0, 1.3 * S);
  // At 2 s it has been busy 0.7 s; at 3 s, 1.7 s > 1 s: aborted then, 0.7 s past its timeout.
  assert.equal(arbiter.nextWake, 2 * S);
  assert.deepEqual(arbiter.wake(2 * S).aborted, []);
  assert.deepEqual(arbiter.wake(3 * S), { aborted: [0], replaced: [] });
  // Its exit wakes the arbiter 70 ms later: the replacement is forked there and boots 120 ms;
  // the arbiter pauses 50 ms after the fork, then waits its second.
  assert.equal(arbiter.nextWake, 3 * S + WORKER_EXIT_US);
  const exit = arbiter.wake(3 * S + 70 * MS);
  assert.deepEqual(exit, { aborted: [], replaced: [{ worker: 0, readyAt: 3 * S + 70 * MS + WORKER_BOOT_US }] });
  assert.equal(arbiter.nextWake, 3 * S + 70 * MS + 50 * MS + ARBITER_WAKE_US);
});

test('busy exactly --timeout is not late (gunicorn aborts only past it); a freed worker is never aborted', () => {
  const arbiter = new ArbiterSchedule(1 * S, 0, half);
  arbiter.took(0, 0);
  arbiter.took(1, 0);
  arbiter.freed(1);
  assert.deepEqual(arbiter.wake(1 * S).aborted, []);
  assert.deepEqual(arbiter.wake(2 * S).aborted, [0]);
});

test('two aborted at one look: forked one after the other, the second after the first pause', () => {
  const arbiter = new ArbiterSchedule(1 * S, 0, half);
  arbiter.took(0, 0.1 * S);
  arbiter.took(1, 0.9 * S);
  arbiter.took(2, 1.5 * S);
  assert.deepEqual(arbiter.wake(1 * S).aborted, []);
  assert.deepEqual(arbiter.wake(2 * S).aborted, [0, 1]);
  // At the exit (2.07 s) worker 2 is 0.57 s in: not aborted. Forks at 2.07 and 2.12 s.
  assert.deepEqual(arbiter.wake(2 * S + 70 * MS), {
    aborted: [],
    replaced: [
      { worker: 0, readyAt: 2 * S + 70 * MS + WORKER_BOOT_US },
      { worker: 1, readyAt: 2 * S + 120 * MS + WORKER_BOOT_US },
    ],
  });
  // Two pauses (100 ms) then the second: the next look at 3.17 s aborts worker 2 (1.67 s in).
  assert.equal(arbiter.nextWake, 3 * S + 170 * MS);
  assert.deepEqual(arbiter.wake(3 * S + 170 * MS).aborted, [2]);
});

test('a replacement that took a request before the arbiter ended its pauses is aborted a second later', () => {
  // The race that makes real gunicorn's cycles 1.1 s or 2.1 s: pauses of 90 ms each outlast the
  // first replacement's 120 ms boot, so its check-in falls before the arbiter's second starts.
  const arbiter = new ArbiterSchedule(1 * S, 0, () => 0.9);
  arbiter.took(0, 0);
  arbiter.took(1, 0);
  arbiter.wake(1 * S);
  arbiter.wake(2 * S);
  const { replaced } = arbiter.wake(2 * S + 70 * MS);
  const first = replaced[0].readyAt; // 2.19 s
  arbiter.took(0, first);
  assert.equal(arbiter.nextWake, 2 * S + 70 * MS + 180 * MS + ARBITER_WAKE_US); // 3.25 s
  assert.deepEqual(arbiter.wake(arbiter.nextWake).aborted, [0]);
});

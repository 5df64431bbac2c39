/**
 * Test fixture: one of two real threads contending for the interpreter lock (main/engine/gil.ts).
 * Started by gil.test.ts with a scenario and a role. The two threads coordinate through flags on
 * a shared board and append what they did to a shared event log, stamped on the process-wide
 * monotonic clock, so the test reads one ordered story of both threads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InterpreterLock } from '../../../main/engine/gil.ts';
import { monotonicMs } from '../../../main/engine/clock.ts';
import { spin } from '../../../main/engine/cpu-work.ts';
import { BOARD, EV, type ContenderData } from './gil-contender-protocol.ts';

const data = workerData as ContenderData;
const { board, events, times } = data;
const ROLE = data.role === 'A' ? 1 : 2;
const lock = new InterpreterLock(data.gil, ROLE);
/** A small, fixed amount of work between two looks at the drop request, like cpu-work's slices. */
const slice = () => spin(20_000);

function log(event: number): void {
  const i = Atomics.add(events, 0, 1);
  times[i] = monotonicMs();
  events[1 + i] = (ROLE << 8) | event;
}

function raise(flag: number): void {
  Atomics.store(board, flag, 1);
  Atomics.notify(board, flag);
}

/** Wait for the other thread's flag; a stuck peer fails the test instead of hanging it. */
function waitFor(flag: number): void {
  const deadline = performance.now() + 20_000;
  while (Atomics.load(board, flag) === 0) {
    if (performance.now() > deadline) throw new Error(`${data.role}: flag ${flag} never raised`);
    Atomics.wait(board, flag, 0, 100);
  }
}

/** Compute slices until a drop request comes; returns how many slices that took. */
function computeUntilDropRequested(): number {
  const deadline = performance.now() + 20_000;
  let slices = 0;
  while (!lock.dropRequested()) {
    if (performance.now() > deadline) throw new Error(`${data.role}: no drop request came`);
    slice();
    slices++;
  }
  return slices;
}

function switchA(): void {
  lock.acquire();
  log(EV.acquired);
  // Alone (B starts asking only once aHolds is raised): 50 slices, and no drop request in any.
  let drops = 0;
  for (let i = 0; i < 50; i++) {
    slice();
    if (lock.dropRequested()) drops++;
  }
  Atomics.store(board, BOARD.aAloneSlices, 50);
  Atomics.store(board, BOARD.aAloneDrops, drops);
  raise(BOARD.aHolds);
  computeUntilDropRequested();
  log(EV.dropSeen);
  lock.yieldToWaiter();
  log(EV.yielded);
  Atomics.store(board, BOARD.aWaitedAgain, lock.acquire() ? 1 : 0);
  log(EV.reacquired);
  lock.release();
  log(EV.released);
}

function switchB(): void {
  waitFor(BOARD.aHolds);
  log(EV.asking);
  Atomics.store(board, BOARD.bWaited, lock.acquire() ? 1 : 0);
  log(EV.acquired);
  Atomics.store(board, BOARD.bDropAtTake, lock.dropRequested() ? 1 : 0);
  // A asks for the lock back at once; B keeps it a switch interval, then hands it over.
  computeUntilDropRequested();
  log(EV.dropSeen);
  lock.yieldToWaiter();
  log(EV.yielded);
}

function clearedA(): void {
  lock.acquire();
  log(EV.acquired);
  raise(BOARD.aHolds);
  computeUntilDropRequested();
  log(EV.dropSeen);
  // The step ends right as the request comes: a plain release, not a forced switch, so the
  // request is still set when B takes the lock. Logged first: B may run before release returns.
  log(EV.released);
  lock.release();
}

function clearedB(): void {
  waitFor(BOARD.aHolds);
  log(EV.asking);
  Atomics.store(board, BOARD.bWaited, lock.acquire() ? 1 : 0);
  log(EV.acquired);
  Atomics.store(board, BOARD.bDropAtTake, lock.dropRequested() ? 1 : 0);
  // Nobody else wants the lock now: 100 slices, and no request to drop it in any of them.
  let drops = 0;
  for (let i = 0; i < 100; i++) {
    slice();
    if (lock.dropRequested()) drops++;
  }
  Atomics.store(board, BOARD.bDropsWhileAlone, drops);
  lock.release();
  log(EV.released);
}

function handOverA(): void {
  lock.acquire();
  log(EV.acquired);
  raise(BOARD.aHolds);
  computeUntilDropRequested();
  log(EV.dropSeen);
  // One cpu step ends as the request comes and the next begins at once: let go, take it back.
  lock.release();
  lock.acquire();
  log(EV.reacquired);
  lock.release();
}

function handOverB(): void {
  waitFor(BOARD.aHolds);
  log(EV.asking);
  Atomics.store(board, BOARD.bWaited, lock.acquire() ? 1 : 0);
  log(EV.acquired);
  for (let i = 0; i < 20; i++) slice();
  log(EV.released);
  lock.release();
}

const run = {
  switch: { A: switchA, B: switchB },
  cleared: { A: clearedA, B: clearedB },
  'hand-over': { A: handOverA, B: handOverB },
}[data.scenario][data.role];
run();
parentPort!.postMessage('done');

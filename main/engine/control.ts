/**
 * The control word every engine thread shares: stopping a run must wake threads that are
 * blocked in a step. A `block` step is an `Atomics.wait` on this word, so a stop's
 * `Atomics.notify` ends every blocking wait at once instead of waiting out a 60 s sleep.
 *
 * After the stop flag, one abort flag per lane: gunicorn's arbiter killing a worker stuck past
 * `--timeout` ends that worker's step alone (the others woken by the same notify sleep on).
 */
const STOP = 0;
const ABORT = 1;
/** How long before a blocking wait's deadline the thread stops sleeping and spins (ms). */
const WAKE_EARLY_MS = 0.25;

export type ControlWord = Int32Array;

export function createControl(lanes = 0): ControlWord {
  return new Int32Array(new SharedArrayBuffer(4 * (ABORT + lanes)));
}

/** Abort what `lane`'s thread is doing (a worker killed by the arbiter): its step ends now. */
export function abortLane(control: ControlWord, lane: number): void {
  Atomics.store(control, ABORT + lane, 1);
  Atomics.notify(control, STOP);
}

export function laneAborted(control: ControlWord, lane: number): boolean {
  return lane >= 0 && ABORT + lane < control.length && Atomics.load(control, ABORT + lane) !== 0;
}

/** The lane's thread has given up its request: it serves the next as a fresh worker would. */
export function clearAbort(control: ControlWord, lane: number): void {
  if (ABORT + lane < control.length) Atomics.store(control, ABORT + lane, 0);
}

/** Stop or an abort of this lane: either ends a step early. */
const interrupted = (control: ControlWord, lane: number) => stopRequested(control) || laneAborted(control, lane);

export function requestStop(control: ControlWord): void {
  Atomics.store(control, STOP, 1);
  Atomics.notify(control, STOP);
}

export function stopRequested(control: ControlWord): boolean {
  return Atomics.load(control, STOP) !== 0;
}

/**
 * Really block this thread for `ms` (like `time.sleep`), unless the run is stopped or the lane's
 * thread aborted meanwhile. Atomics.wait parks the OS thread: no event loop turn, no timers,
 * nothing else runs on it.
 */
export function blockFor(control: ControlWord, ms: number, lane = -1): void {
  if (ms <= 0) return;
  const until = performance.now() + ms;
  // Atomics.wait can wake early (notify for stop); loop until the time is really up. It also
  // wakes ~0.1 ms late (the kernel's timer slack and the wake-up), 2% of a 5 ms step, so it
  // sleeps until WAKE_EARLY_MS before the deadline and the thread spins for the rest.
  for (
    let left = ms - WAKE_EARLY_MS;
    left > 0 && !interrupted(control, lane);
    left = until - WAKE_EARLY_MS - performance.now()
  ) {
    Atomics.wait(control, STOP, 0, left);
  }
  while (performance.now() < until && !interrupted(control, lane)) {
    /* spin: at most WAKE_EARLY_MS */
  }
}

/**
 * The control word every engine thread shares: stopping a run must wake threads that are
 * blocked in a step. A `block` step is an `Atomics.wait` on this word, so a stop's
 * `Atomics.notify` ends every blocking wait at once instead of waiting out a 60 s sleep.
 */
const STOP = 0;

export type ControlWord = Int32Array;

export function createControl(): ControlWord {
  return new Int32Array(new SharedArrayBuffer(4));
}

export function requestStop(control: ControlWord): void {
  Atomics.store(control, STOP, 1);
  Atomics.notify(control, STOP);
}

export function stopRequested(control: ControlWord): boolean {
  return Atomics.load(control, STOP) !== 0;
}

/**
 * Really block this thread for `ms` (like `time.sleep`), unless the run is stopped meanwhile.
 * Atomics.wait parks the OS thread: no event loop turn, no timers, nothing else runs on it.
 */
export function blockFor(control: ControlWord, ms: number): void {
  if (ms <= 0) return;
  const until = performance.now() + ms;
  // Atomics.wait can wake early (notify for stop); loop until the time is really up.
  for (let left = ms; left > 0 && !stopRequested(control); left = until - performance.now()) {
    Atomics.wait(control, STOP, 0, left);
  }
}

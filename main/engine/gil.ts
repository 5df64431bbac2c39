/**
 * CPython's interpreter lock (the GIL), shared by the threads of one server process.
 *
 * Only the holder runs "Python" (our `cpu` steps). Like CPython since 3.2: a thread that wants
 * the lock waits up to the switch interval (5 ms); if the holder has not let go by then, the
 * waiter sets a drop request; the holder checks for it between small slices of work, lets go,
 * and waits until another thread has taken the lock before asking again (forced switching), so
 * a busy thread cannot starve the others. A holder that lets go on its own while a request is
 * pending also waits for the hand-over, as CPython's drop_gil does. Taking the lock clears a
 * pending drop request (as CPython's take_gil does): the request was meant for the previous
 * holder, and left set it would force the new holder off after its first slice (~0.1 ms)
 * instead of a switch interval.
 * Waiting, blocking, I/O and SQLite release it; in this engine only `cpu` work holds it, so
 * those release it by construction.
 *
 * The state lives in a SharedArrayBuffer so real threads contend for it with Atomics:
 *   [HOLDER] 0 when free, else the holder's token (its lane id + 1)
 *   [WAITERS] how many threads are waiting
 *   [DROP] 1 when a waiter asked the holder to let go
 * With the lock off (free-threaded Python) every call returns at once.
 */
const HOLDER = 0;
const WAITERS = 1;
const DROP = 2;

/** CPython's default `sys.getswitchinterval()`: 5 ms. */
export const SWITCH_INTERVAL_MS = 5;

/** Longest a thread letting go on request waits for the waiter to take the lock (see awaitHandOver). */
const HAND_OVER_LIMIT_MS = 50;

export function createGilState(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(3 * 4));
}

export class InterpreterLock {
  constructor(
    private readonly state: Int32Array | null,
    private readonly token: number,
  ) {}

  get enabled(): boolean {
    return this.state !== null;
  }

  /** Take the lock, blocking this thread until it is ours. Returns true if it had to wait. */
  acquire(): boolean {
    const s = this.state;
    if (!s) return false;
    if (Atomics.compareExchange(s, HOLDER, 0, this.token) === 0) {
      Atomics.store(s, DROP, 0);
      return false;
    }
    Atomics.add(s, WAITERS, 1);
    let waitedSince = performance.now();
    for (;;) {
      const holder = Atomics.load(s, HOLDER);
      if (holder === 0) {
        if (Atomics.compareExchange(s, HOLDER, 0, this.token) === 0) break;
        continue;
      }
      const result = Atomics.wait(s, HOLDER, holder, SWITCH_INTERVAL_MS);
      if (result === 'timed-out' && performance.now() - waitedSince >= SWITCH_INTERVAL_MS) {
        // The holder kept it for a whole interval: ask it to drop (CPython's gil_drop_request).
        Atomics.store(s, DROP, 1);
        waitedSince = performance.now();
      }
    }
    Atomics.sub(s, WAITERS, 1);
    // A request another waiter made of the previous holder is not one made of us.
    Atomics.store(s, DROP, 0);
    return true;
  }

  /**
   * Let go. When a waiter has asked for the lock (a drop request is pending), wait until another
   * thread has taken it before returning, as CPython's drop_gil does (FORCE_SWITCHING): otherwise
   * a thread that lets go and takes the lock straight back (one cpu step after another) beats
   * the waiter it just woke, and, as taking the lock clears the request, the waiter would wait
   * a whole interval more.
   */
  release(): void {
    const s = this.state;
    if (!s) return;
    const asked = Atomics.load(s, DROP) === 1;
    Atomics.store(s, HOLDER, 0);
    // Notify only when someone waits: it costs ~0.3 µs even with no waiter, and the loop thread
    // releases twice a request. No wake-up is lost: a waiter counts itself in WAITERS before it
    // reads HOLDER, and Atomics.wait returns at once if HOLDER changed in between.
    if (Atomics.load(s, WAITERS) > 0) Atomics.notify(s, HOLDER, 1);
    if (asked) awaitHandOver(s);
  }

  /** The holder calls this between slices of work: true when another thread asked for the lock. */
  dropRequested(): boolean {
    const s = this.state;
    return s !== null && Atomics.load(s, DROP) === 1;
  }

  /**
   * Let go because a waiter asked (dropRequested() said so): release() then waits until the
   * waiter has taken the lock, and the caller re-acquires.
   */
  yieldToWaiter(): void {
    this.release();
  }
}

/**
 * Wait while the lock is free and someone still waits for it: the woken waiter takes it within
 * microseconds, or as soon as the OS runs it. The limit is a safety valve only, for a waiter that
 * will never take it (its thread was terminated mid-wait when a run stopped).
 */
function awaitHandOver(s: Int32Array): void {
  const deadline = performance.now() + HAND_OVER_LIMIT_MS;
  while (Atomics.load(s, HOLDER) === 0 && Atomics.load(s, WAITERS) > 0 && performance.now() < deadline) {
    Atomics.wait(s, HOLDER, 0, 0.2);
  }
}

/**
 * Django 5.1's connection pool (psycopg_pool under `OPTIONS["pool"]`), one per server process:
 * up to `size` connections, opened on demand and then kept, lent to a thread for its request
 * and given back by request_finished. A thread that finds every connection lent waits, for at
 * most psycopg_pool's default 30 s, then fails with its PoolTimeout.
 *
 * A place whose connection the database refuses (past its max_connections) is lost for the run:
 * psycopg_pool opens connections in worker threads of its own, logs the failure and retries that
 * place in the background, in vain while the database stays full, and its clients go on waiting
 * for the connections that did open. (Measured on real Django 5.2: a pool of 4 against a limit of
 * 2 answers every request, two at a time.)
 *
 * The state is shared by the threads of every process in one SharedArrayBuffer, three numbers a
 * process: connections lent now, connections open but idle in the pool, and places lost.
 */
const LENT = 0;
const IDLE = 1;
const LOST = 2;
const PER_PROCESS = 3;
/** How often a waiting thread looks at the run's stop flag (the pool's word is not the control word). */
const STOP_CHECK_MS = 50;

/** psycopg_pool's default `timeout`: how long getconn() waits before PoolTimeout. */
export const POOL_TIMEOUT_S = 30;
export const POOL_TIMEOUT = `PoolTimeout: couldn't get a connection after ${POOL_TIMEOUT_S.toFixed(2)} sec`;

export function createPoolState(processes: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * PER_PROCESS * Math.max(1, processes)));
}

/** What borrowing got: an idle connection, a slot to open a new one in, or nothing in time. */
export type Borrowed = 'reused' | 'fresh' | 'timed-out';

export class ProcessPool {
  private readonly lent: number;
  private readonly idle: number;
  private readonly lost: number;

  constructor(
    private readonly state: Int32Array,
    process: number,
    private readonly size: number,
  ) {
    this.lent = PER_PROCESS * process + LENT;
    this.idle = PER_PROCESS * process + IDLE;
    this.lost = PER_PROCESS * process + LOST;
  }

  /**
   * Wait for a free place in the pool (blocking this thread, as getconn() does), until `deadline`
   * (performance.now() ms; by default psycopg_pool's timeout from now).
   */
  borrow(stopped: () => boolean, deadline = performance.now() + POOL_TIMEOUT_S * 1000): Borrowed {
    const s = this.state;
    for (;;) {
      const lent = Atomics.load(s, this.lent);
      if (lent < this.size - Atomics.load(s, this.lost)) {
        if (Atomics.compareExchange(s, this.lent, lent, lent + 1) === lent) break;
        continue;
      }
      const left = deadline - performance.now();
      if (left <= 0 || stopped()) return 'timed-out';
      Atomics.wait(s, this.lent, lent, Math.min(left, STOP_CHECK_MS));
    }
    for (;;) {
      const idle = Atomics.load(s, this.idle);
      if (idle === 0) return 'fresh';
      if (Atomics.compareExchange(s, this.idle, idle, idle - 1) === idle) return 'reused';
    }
  }

  /**
   * The database refused the connection this borrow was to open: the place is lost for the run
   * (see above). It lends nothing more, so no waiter is woken.
   */
  lose(): void {
    Atomics.add(this.state, this.lost, 1);
    Atomics.sub(this.state, this.lent, 1);
  }

  /** request_finished: the connection goes back to the pool, open (or, never opened, only its place). */
  giveBack(opened: boolean): void {
    if (opened) Atomics.add(this.state, this.idle, 1);
    Atomics.sub(this.state, this.lent, 1);
    Atomics.notify(this.state, this.lent, 1);
  }
}

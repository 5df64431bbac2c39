/**
 * A thread's database connection, held as Django holds one: connections belong to a thread
 * (`connections` is thread-local), the first query on a thread without one opens it, and
 * `request_finished` closes it on the thread that runs the signal unless `CONN_MAX_AGE` keeps it.
 *
 * Where that thread is decides the count. A sync worker keeps one thread for every request, so
 * with persistent connections it opens one connection for the run. Under ASGI from Django 4.0
 * each request's thread-sensitive work runs on a thread of its own that ends with the request,
 * so every request opens a connection, persistent or not. Threads that no request_finished
 * reaches (a `thread_sensitive=False` pool, `asyncio.to_thread`, the loop itself when
 * DJANGO_ALLOW_ASYNC_UNSAFE lets it query) keep theirs until the run ends.
 *
 * The database server is one for every process: its count of open connections is shared by all
 * threads of the run, in a SharedArrayBuffer, and one past its limit is refused.
 */
import type { DbConnections } from '../../../shared/scenario.ts';
import { ProcessPool } from './connection-pool.ts';

const OPEN = 0;

/** The run's connection settings and the database server's shared count of open connections. */
export interface DbConnectionData extends DbConnections {
  openCount: Int32Array;
  /** Every process's pool (connection-pool.ts), when the run has one. */
  poolState: Int32Array | null;
}

export function createOpenCount(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

/** What a thread's first query needs before it runs: nothing, a wait in the pool, a connect. */
export type Connecting =
  | { kind: 'none' }
  | { kind: 'timed-out' }
  /** Open a connection: `connectMs` of round trips, then the server admits it or refuses. */
  | { kind: 'connect'; connectMs: number };

export class ThreadConnection {
  private connected = false;
  private readonly pool: ProcessPool | null;

  constructor(
    private readonly data: DbConnectionData | null,
    process: number,
  ) {
    this.pool = data?.pool && data.poolState ? new ProcessPool(data.poolState, process, data.pool) : null;
  }

  /** Whether this thread's next query must get a connection first (the run models them, and it has none). */
  needsOne(): boolean {
    return this.data !== null && !this.connected;
  }

  get pooled(): boolean {
    return this.pool !== null;
  }

  /**
   * Without a pool: open one. With a pool: borrow (waiting while all are lent); an idle pooled
   * connection is ready at once, a new place in the pool still has to be opened.
   */
  getOne(stopped: () => boolean, deadline?: number): Connecting {
    const connect = { kind: 'connect', connectMs: this.data!.connectMs } as const;
    if (!this.pool) return connect;
    const got = this.pool.borrow(stopped, deadline);
    if (got === 'timed-out') return { kind: 'timed-out' };
    if (got === 'fresh') return connect;
    this.connected = true;
    return { kind: 'none' };
  }

  /**
   * After the connect round trips: the server counts the connection in, or refuses it (false)
   * when it already has its limit. A refused connect still paid its round trips, as a real one does;
   * a pool's refused place is lost for the run (connection-pool.ts).
   */
  admit(): boolean {
    const data = this.data!;
    const limit = data.maxConnections ?? Infinity;
    for (;;) {
      const open = Atomics.load(data.openCount, OPEN);
      if (open >= limit) {
        this.pool?.lose();
        return false;
      }
      if (Atomics.compareExchange(data.openCount, OPEN, open, open + 1) === open) return (this.connected = true);
    }
  }

  /**
   * `request_finished` on this thread: a pooled connection goes back to the pool, open; another
   * closes, unless persistent and the thread lives on.
   */
  requestFinished(threadEnds: boolean): void {
    if (!this.connected) return;
    if (this.pool) {
      this.connected = false;
      this.pool.giveBack(true);
      return;
    }
    if (this.data!.persistent && !threadEnds) return;
    this.connected = false;
    Atomics.sub(this.data!.openCount, OPEN, 1);
  }
}

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

const OPEN = 0;

/** The run's connection settings and the database server's shared count of open connections. */
export interface DbConnectionData extends DbConnections {
  openCount: Int32Array;
}

export function createOpenCount(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

export class ThreadConnection {
  private connected = false;

  constructor(private readonly data: DbConnectionData | null) {}

  /**
   * The time opening a connection takes, or null when this thread already has one (or the run
   * does not model connections: no connect cost and no limit).
   */
  connectMsNeeded(): number | null {
    if (this.connected || !this.data) return null;
    return this.data.connectMs;
  }

  /**
   * After the connect round trips: the server counts the connection in, or refuses it (false)
   * when it already has its limit. A refused connect still paid its round trips, as a real one does.
   */
  admit(): boolean {
    const data = this.data!;
    const limit = data.maxConnections ?? Infinity;
    for (;;) {
      const open = Atomics.load(data.openCount, OPEN);
      if (open >= limit) return false;
      if (Atomics.compareExchange(data.openCount, OPEN, open, open + 1) === open) return (this.connected = true);
    }
  }

  /** `request_finished` on this thread: close, unless persistent and the thread lives on. */
  requestFinished(threadEnds: boolean): void {
    if (!this.connected || (this.data!.persistent && !threadEnds)) return;
    this.connected = false;
    Atomics.sub(this.data!.openCount, OPEN, 1);
  }
}

/**
 * Putting a SQLite connection in WAL mode when other connections may be opening the same file.
 *
 * Switching a new file to WAL needs an exclusive lock and, unlike ordinary statements, does not
 * wait on the busy handler: two openers racing on a fresh file would see "database is locked".
 * So retry until the deadline. Once the file is in WAL mode (it stays so) this is a single read.
 */
import type Database from 'better-sqlite3';

export function enterWalMode(db: Database.Database, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      if (db.pragma('journal_mode', { simple: true }) === 'wal') return;
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 5); // a synchronous 5 ms nap: opening is synchronous anyway
    }
  }
}

/**
 * Opening the store's SQLite file, and what to do when it is damaged.
 *
 * A damaged store must never stop the app from starting, and must never be deleted: it may hold
 * runs someone wants back. So a file that is not a database, is truncated, or fails
 * `PRAGMA quick_check` is renamed aside (with its -wal and -shm) and a fresh store is started;
 * the caller shows the returned notice.
 *
 * The check runs on a READ-ONLY connection first. A read-write connection checkpoints its WAL
 * into the main file when it closes, which would change the very bytes being kept for rescue.
 * A read-only one never writes the database, yet still reads a WAL left by a killed process.
 */
import { existsSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { makeFolder } from '../platform/make-folder.ts';
import { openSqlite } from '../platform/open-sqlite.ts';
import { enterWalMode } from '../platform/wal-mode.ts';
import { migrate } from './migrations.ts';

const BUSY_TIMEOUT_MS = 5_000;
const SIDE_FILES = ['-wal', '-shm'];

export interface OpenedStoreFile {
  db: Database.Database;
  /** Versions migrated on this open. */
  applied: number[];
  /** Sentences for the user (a damaged file moved aside). */
  notices: string[];
}

/** Why the file cannot be used as it is, or null when it passes the quick check. */
export function findDamage(file: string): string | null {
  if (!existsSync(file)) return null;
  let db: Database.Database | undefined;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
    const result = db.pragma('quick_check', { simple: true });
    return result === 'ok' ? null : `it failed SQLite's quick check (${String(result)})`;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === 'SQLITE_NOTADB') return 'it is not a SQLite database';
    if (code === 'SQLITE_CORRUPT') return 'it is damaged or truncated';
    // Anything else (permissions, a locked file) is not evidence of damage: let the real open report it.
    if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_BUSY' || code === 'SQLITE_PERM') return null;
    return `SQLite could not read it (${message})`;
  } finally {
    db?.close();
  }
}

/**
 * Renames `file` (and its -wal/-shm) to `<file>.damaged-<timestamp>`; returns the new path.
 * The timestamp is ISO 8601 with `-` for `:`, which Windows does not allow in file names.
 */
export function moveAside(file: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/:/g, '-');
  let aside = `${file}.damaged-${stamp}`;
  for (let n = 2; existsSync(aside); n++) aside = `${file}.damaged-${stamp}-${n}`;
  renameSync(file, aside);
  // Side files keep their suffix, so SQLite still pairs them with the moved file.
  for (const suffix of SIDE_FILES) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  return aside;
}

/** Opens (creating if needed) and migrates the store file, moving a damaged one aside first. */
export function openStoreFile(file: string): OpenedStoreFile {
  makeFolder(dirname(file));
  // Only a file can be damaged: a folder (or a device) given by mistake is refused, never moved aside.
  const stat = existsSync(file) ? statSync(file) : null;
  if (stat && !stat.isFile()) {
    throw new Error(
      `The run store ${file} is ${stat.isDirectory() ? 'a folder' : 'not a regular file'}; give the path of a store file (it is created if missing).`,
    );
  }
  const notices: string[] = [];
  const damage = findDamage(file);
  if (damage !== null) {
    const aside = moveAside(file);
    notices.push(
      `The run store ${file} could not be used because ${damage}. It was moved to ${aside} (nothing was deleted), and a new, empty store was started.`,
    );
  }
  const db = openSqlite(file);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    enterWalMode(db, BUSY_TIMEOUT_MS);
    // Under WAL, NORMAL loses no committed transaction when the process dies; only a power
    // loss may drop the last ones. Runs are written many times a second: FULL would cost fsyncs.
    db.pragma('synchronous = NORMAL');
    const applied = migrate(db, file);
    return { db, applied, notices };
  } catch (error) {
    db.close();
    throw error;
  }
}

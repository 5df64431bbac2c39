/**
 * Opening a SQLite file with the better-sqlite3 build this runtime can load: the engine's demo
 * shop and the run store both open their files here, so neither needs to know that Electron
 * loads its own build (see native-binding.ts).
 */
import Database from 'better-sqlite3';
import { nativeBindingPath } from './native-binding.ts';

/** `new Database(file, options)`, with the `nativeBinding` chosen for the running ABI. */
export function openSqlite(file: string, options: Omit<Database.Options, 'nativeBinding'> = {}): Database.Database {
  return new Database(file, { ...options, nativeBinding: nativeBindingPath() });
}

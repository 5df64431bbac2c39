/** Where the CLI keeps runs: the app's data folder (shared with the desktop app), or `--db FILE`. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openApp, type App } from '../../app/app.ts';
import { resolveDataDir } from '../../platform/data-dir.ts';
import { UsageError } from '../cli-error.ts';

export async function openCliApp(db: string | undefined): Promise<App> {
  // `--db ""` would otherwise fall through to the shared data folder.
  if (db === '') throw new UsageError('--db needs a file name, e.g. --db runs.db');
  if (db && existsSync(db) && statSync(db).isDirectory()) {
    throw new UsageError(`--db ${db} is a folder; give a store file, e.g. --db ${join(db, 'runs.db')}`);
  }
  return db
    ? openApp({ dataDir: dirname(db), mode: 'browser', storeFile: db })
    : openApp({ dataDir: resolveDataDir(), mode: 'browser' });
}

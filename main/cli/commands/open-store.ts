/** Where the CLI keeps runs: the app's data folder (shared with the desktop app), or `--db FILE`. */
import { dirname } from 'node:path';
import { openApp, type OpenedApp } from '../../app/app.ts';
import { resolveDataDir } from '../../host/data-dir.ts';

export function openCliApp(db: string | undefined): Promise<OpenedApp> {
  return db ? openApp({ dataDir: dirname(db), mode: 'browser', storeFile: db }) : openApp({ dataDir: resolveDataDir(), mode: 'browser' });
}

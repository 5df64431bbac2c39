/**
 * Where the app keeps its data (run store, demo shop database) when no folder is given.
 *
 * It is the folder Electron's `app.getPath('userData')` gives an app named "Interleave" (the
 * Electron shell sets that path explicitly from `APP_FOLDER_NAME`), so the browser-mode host and
 * the Electron app share one store: a run recorded in one mode is in the other's history.
 */
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/** The folder name under the OS's application-data folder. */
export const APP_FOLDER_NAME = 'Interleave';

/** Set to use another data folder (tests, portable setups); both hosts honour it. */
export const DATA_DIR_ENV = 'INTERLEAVE_DATA_DIR';

interface Environment {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
}

/** What Electron's `app.getPath('appData')` is on this platform. */
function appDataDir({ platform, env, home }: Environment): string {
  if (platform === 'win32') return env.APPDATA || win32.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || posix.join(home, '.config');
}

/** `$INTERLEAVE_DATA_DIR` if set, else the user-data folder Electron would use. */
export function resolveDataDir(
  environment: Environment = { platform: process.platform, env: process.env, home: homedir() },
): string {
  const override = environment.env[DATA_DIR_ENV];
  if (override) return override;
  const join = environment.platform === 'win32' ? win32.join : posix.join;
  return join(appDataDir(environment), APP_FOLDER_NAME);
}

/**
 * `mkdir -p` that fails instead of spinning. Node 20's recursive mkdir loops forever (one core
 * at 100%, the event loop frozen, signals unanswered) when a parent exists but answers ENOENT
 * for the child, as procfs does for any new name under /proc (and, reportedly, a mount that
 * vanished): Node reads ENOENT as "create the parent first", the parent exists, and it retries.
 * The data folder and the store file come from a flag or an environment variable, so such a
 * path is one typo away; here every missing level is created on its own, and a failure is final.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Creates `path` and any missing parents; throws a sentence when that cannot be done. */
export function makeFolder(path: string): void {
  const missing: string[] = [];
  // existsSync follows symlinks: a dangling link counts as missing, and its mkdir fails below.
  for (let at = resolve(path); !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      // Another process may have made it meanwhile; anything else is final.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && isFolder(dir)) continue;
      throw new Error(`cannot create the folder ${dir}: ${(error as Error).message}`, { cause: error });
    }
  }
  if (!isFolder(path)) throw new Error(`${resolve(path)} is not a folder`);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

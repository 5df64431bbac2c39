/**
 * Which compiled better-sqlite3 to load. node_modules holds the build for Node (tests, the CLI,
 * browser mode); Electron has its own module ABI and needs its own build, which
 * `npm run build:native-electron` writes to native/electron/better_sqlite3.node with the ABI it
 * was built for beside it (abi.json). Both stay on disk, so switching modes never rebuilds.
 *
 * The Electron build is chosen by ABI, not by `process.versions.electron`: the ABI is exactly the
 * condition under which the file can load, and it holds in every thread, including the engine's
 * worker threads, whatever Electron sets in their `process.versions`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the Electron build lives, relative to the app's root folder. */
const ELECTRON_BINDING_DIR = 'native/electron';

// From source this file is main/platform/; bundled it is out/main/. Both are two folders below the
// root. In a packaged app native/** is unpacked beside app.asar (electron-builder's asarUnpack):
// a .node file cannot be loaded from inside the archive.
function electronBindingDir(): string {
  const dir = fileURLToPath(new URL(`../../${ELECTRON_BINDING_DIR}/`, import.meta.url));
  return dir.replace(/\.asar([\\/])/, '.asar.unpacked$1');
}

/**
 * The path of better-sqlite3's native module built for the running Electron, to pass as the
 * `nativeBinding` option of `new Database(file, { nativeBinding })`; undefined under Node, or
 * when no Electron build exists (then better-sqlite3 loads its own build, as usual).
 * `dir` (ending in a separator) is for tests; the app uses the default.
 */
export function nativeBindingPath(dir: string = electronBindingDir()): string | undefined {
  const file = `${dir}better_sqlite3.node`;
  try {
    const { modules } = JSON.parse(readFileSync(`${dir}abi.json`, 'utf8')) as { modules?: unknown };
    return String(modules) === process.versions.modules && existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

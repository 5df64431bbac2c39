/**
 * Bundling the engine's workers from source, once per process, for tests and development when no
 * fresh build exists (see worker-files.ts).
 *
 * The bundle goes to a folder of its own under the OS's temporary folder, so neither
 * node_modules nor the checkout has to be writable. The one package left out of the bundle,
 * better-sqlite3 (native code), must still resolve from there: the folder gets a `node_modules`
 * link to the project's, which Node follows like any node_modules folder.
 *
 * The folder is removed when the process exits. A process killed outright (SIGKILL, a crash)
 * never runs its 'exit' handler, so the next one removes the folders of processes that no longer
 * exist.
 */
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Esbuild from 'esbuild';
import { isProcessAlive } from '../../platform/process-alive.ts';

const PREFIX = 'interleave-workers-';

/**
 * Bundles `entries` (output name → source file) as `<name>.mjs` into a new folder under `parent`
 * and returns it; `nodeModules` is the project's node_modules folder. About 0.2 s.
 */
export function bundleFromSource(
  entries: Record<string, string>,
  nodeModules: string,
  parent: string = tmpdir(),
): string {
  let esbuild: typeof Esbuild;
  try {
    // A build tool: loaded only on this path, so neither the app nor the built CLI needs it.
    esbuild = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  } catch (error) {
    throw new Error(
      'The engine’s threads are not built (run `npm run build`), and esbuild, which bundles them from source, is not installed.',
      { cause: error },
    );
  }
  sweepDeadBundles(parent);
  const dir = mkdtempSync(join(parent, `${PREFIX}${process.pid}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  symlinkSync(nodeModules, join(dir, 'node_modules'), 'junction');
  esbuild.buildSync({
    entryPoints: entries,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    external: ['better-sqlite3'],
    // Bundled CommonJS dependencies (undici) call require(); give ESM output one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'error',
  });
  return dir;
}

/** Removes the bundle folders under `parent` whose process no longer exists. */
export function sweepDeadBundles(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length).split('-', 1)[0]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || isProcessAlive(pid)) continue;
    try {
      rmSync(join(parent, name), { recursive: true, force: true });
    } catch {
      // Not ours to remove after all (another user's temporary folder): leave it.
    }
  }
}

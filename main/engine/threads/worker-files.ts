/**
 * Where the code of the engine's threads comes from.
 *
 * - Built (the Electron app, browser mode, the command line run from `out/main/cli.js`): every
 *   `*.worker.ts` is bundled by `npm run build` (scripts/build.js) flat beside the engine's own
 *   bundle, as `<name>.worker.js`, and loaded from there. Nothing is written at run time.
 * - From source (tests, benches, the command line in a checkout): the build's workers in
 *   out/main are loaded when out/build-info.json shows that none of the files they were built
 *   from changed since; otherwise (no build yet, or a source edited since) they are bundled once
 *   for this process (source-bundle.ts). That needs esbuild, a devDependency; an install without
 *   devDependencies has no tsx either, so it never runs from source.
 * Why not run workers through tsx: on Node 20 a worker can only use tsx by registering its module
 * hooks itself, which starts a loader thread per worker and transpiles every module again; with
 * a hundred executor threads that took half a minute and kept both cores busy into the run.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleFromSource } from './source-bundle.ts';

/** Worker entry points, by name, relative to this folder in the source tree. */
const WORKER_SOURCES = {
  server: '../server/server.worker.ts',
  executor: '../executor/executor.worker.ts',
  'sync-worker': '../server/sync-worker.worker.ts',
  loadgen: '../loadgen/loadgen.worker.ts',
  upstream: '../upstream/upstream.worker.ts',
  'sync-http': '../upstream/sync-http.worker.ts',
} as const;

export type WorkerName = keyof typeof WORKER_SOURCES;

/** Each worker's entry point in the source tree, by name. */
export function workerSourceFiles(): Record<WorkerName, string> {
  return Object.fromEntries(
    Object.entries(WORKER_SOURCES).map(([name, source]) => [name, join(here, source)]),
  ) as Record<WorkerName, string>;
}

/** What scripts/build.js writes to out/build-info.json, as far as workers go. */
interface BuildInfo {
  /** When the main-process build started (ms since 1970): a source changed after it is newer than the build. */
  sourcesAt?: number;
  /** Every main-process bundle's source files, relative to the root. */
  inputs?: Record<string, string[]>;
}

/** A folder of worker code and the file extension its workers have there. */
interface WorkerFolder {
  dir: string;
  extension: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const fromSource = import.meta.url.endsWith('.ts');
let sourceFolder: WorkerFolder | undefined;

/** The URL of worker `name`'s code, for `new Worker`. */
export function workerUrl(name: WorkerName): URL {
  if (!fromSource) return new URL(`./${name}.worker.js`, import.meta.url);
  sourceFolder ??= workersForSource(join(here, '..', '..', '..'));
  return pathToFileURL(join(sourceFolder.dir, `${name}.worker${sourceFolder.extension}`));
}

function workersForSource(root: string): WorkerFolder {
  const built = freshBuiltWorkers(root, Object.keys(WORKER_SOURCES));
  if (built) return { dir: built, extension: '.js' };
  const entries = Object.fromEntries(
    Object.entries(workerSourceFiles()).map(([name, source]) => [`${name}.worker`, source]),
  );
  return { dir: bundleFromSource(entries, join(root, 'node_modules')), extension: '.mjs' };
}

/**
 * `root`/out/main when it holds every named worker, built from sources none of which changed
 * (or disappeared) since the build started; else undefined.
 */
export function freshBuiltWorkers(root: string, names: readonly string[]): string | undefined {
  let info: BuildInfo;
  try {
    info = JSON.parse(readFileSync(join(root, 'out', 'build-info.json'), 'utf8')) as BuildInfo;
  } catch {
    return undefined;
  }
  const dir = join(root, 'out', 'main');
  const builtAt = info.sourcesAt;
  if (typeof builtAt !== 'number') return undefined;
  for (const name of names) {
    const inputs = info.inputs?.[`${name}.worker.js`];
    if (!inputs?.length || !existsSync(join(dir, `${name}.worker.js`))) return undefined;
    for (const input of inputs) {
      const source = statSync(join(root, input), { throwIfNoEntry: false });
      if (!source || source.mtimeMs > builtAt) return undefined;
    }
  }
  return dir;
}

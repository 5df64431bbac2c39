/**
 * Starting the engine's threads, from the app's bundle or from source.
 *
 * In the built app every `*.worker.ts` is bundled flat beside this code as `*.worker.js`.
 * From source (the CLI from a checkout, the tests) the worker entry points are bundled once per
 * process with esbuild into `node_modules/.cache/interleave/` and started as plain JavaScript.
 * Why not run them through tsx: on Node 20 a worker can only use tsx by registering its module
 * hooks itself, which starts a loader thread per worker and transpiles every module again; with
 * a hundred executor threads that took half a minute and kept both cores busy into the run.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type TransferListItem } from 'node:worker_threads';
import type * as Esbuild from 'esbuild';
import { isProcessAlive } from '../../platform/process-alive.ts';

/** Worker entry points, by name, relative to this folder in the source tree. */
export const WORKER_SOURCES = {
  server: '../server/server.worker.ts',
  executor: '../executor/executor.worker.ts',
  'sync-worker': '../server/sync-worker.worker.ts',
  loadgen: '../loadgen/loadgen.worker.ts',
  upstream: '../upstream/upstream.worker.ts',
  'sync-http': '../upstream/sync-http.worker.ts',
} as const;

export type WorkerName = keyof typeof WORKER_SOURCES;

const fromSource = import.meta.url.endsWith('.ts');
let sourceBundleDir: string | undefined;

/** Bundle the worker entry points once for this process (about 0.2 s). */
function bundleFromSource(): string {
  if (sourceBundleDir) return sourceBundleDir;
  const here = dirname(fileURLToPath(import.meta.url));
  const root = join(here, '..', '..', '..');
  const cache = join(root, 'node_modules', '.cache', 'interleave');
  const dir = join(cache, `engine-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  sweepDeadBundles(cache);
  // esbuild is a build tool: loaded only on this path, so the app's bundle never needs it.
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  esbuild.buildSync({
    entryPoints: Object.fromEntries(
      Object.entries(WORKER_SOURCES).map(([name, src]) => [`${name}.worker`, join(here, src)]),
    ),
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
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return (sourceBundleDir = dir);
}

/**
 * A process killed outright (SIGKILL, a crash) never runs its 'exit' handler, so its bundle
 * (about 4 MB) stays; the next process removes the bundles of processes that no longer exist.
 */
function sweepDeadBundles(cache: string): void {
  for (const name of readdirSync(cache)) {
    const pid = Number(/^engine-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || isProcessAlive(pid)) continue;
    rmSync(join(cache, name), { recursive: true, force: true });
  }
}

export function spawnWorker(name: WorkerName, workerData: unknown, transferList: TransferListItem[] = []): Worker {
  // execArgv: [] because workers otherwise inherit the parent's flags, and a parent started
  // with `--import tsx` would load tsx (and its loader thread) into every worker for nothing.
  const options = { workerData, transferList, name: `interleave-${name}`, execArgv: [] };
  const url = fromSource
    ? pathToFileURL(join(bundleFromSource(), `${name}.worker.mjs`))
    : new URL(`./${name}.worker.js`, import.meta.url);
  return new Worker(url, options);
}

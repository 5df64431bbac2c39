/**
 * The composition root of everything a host (the CLI, the Electron shell, the browser-mode host)
 * needs: the store, the run and sweep services and the API the renderer calls. Hosts call `openApp` and get
 * the API, its events and `close`, nothing else: the store and the run service stay inside, so
 * every host goes through the same validated calls and none can skip a check.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { BridgeEventName, BridgeEvents, InterleaveApi } from '../../shared/bridge.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { discoverDjangoEnvironment } from '../django/python-env.ts';
import { makeFolder } from '../platform/make-folder.ts';
import { RunStore } from '../store/run-store.ts';
import { findDamage, moveAside } from '../store/store-file.ts';
import { createApi } from './api.ts';
import { EventHub } from './event-hub.ts';
import { storeImport, type ImportResult, type ReadImport } from './import-run.ts';
import { RunService } from './run-service.ts';
import { prepareThreads, ThreadReserve } from '../engine/index.ts';
import { PRESETS } from '../../shared/presets.ts';
import { scenarioSchema } from '../../shared/scenario.ts';
import { SPARES_KEPT_IDLE_MS } from '../../shared/limits.ts';
import { withSweeps } from './sweep/sweep-api.ts';
import { SweepService } from './sweep/sweep-service.ts';

export interface AppOptions {
  /** Folder for the run store and the demo shop database. */
  dataDir: string;
  /** Reported by hostInfo(). */
  mode: 'electron' | 'browser';
  /** The run store's file; defaults to `runs.db` in dataDir. */
  storeFile?: string;
  /**
   * Keep up to this many threads started ahead of the next run (each idle one 10–16 MiB resident), so a
   * run starts at once: an app that waits for its user does; a one-shot command line does not.
   */
  warmThreads?: number;
  /** How long a big run's spares are kept while nothing runs (default SPARES_KEPT_IDLE_MS). */
  sparesKeptIdleMs?: number;
}

export interface App {
  api: InterleaveApi;
  /**
   * Stores a file read with `readImportFile` (main/app/import-run.ts): Interleave's run export,
   * k6's JSON output or a HAR file. For hosts given a path (the command line, the desktop shell's
   * menu), which read and check the whole file first; the page sends text through `api.importRun`.
   */
  storeImport(read: ReadImport): ImportResult;
  /** Subscribe to pushed events (run progress, notices). Returns an unsubscribe function. */
  on<E extends BridgeEventName>(name: E, listener: (payload: BridgeEvents[E]) => void): () => void;
  /** Resolves once the threads kept for the next run have started (at once when none are kept). */
  whenThreadsReady(): Promise<void>;
  /** Stops running runs, closes the store. */
  close(): Promise<void>;
}

const APP_VERSION: string = packageJson.version;

export async function openApp(options: AppOptions): Promise<App> {
  makeFolder(options.dataDir);
  const events = new EventHub();
  const { store, notices } = RunStore.open(options.storeFile ?? join(options.dataDir, 'runs.db'));
  for (const text of notices) events.emit('notice', { level: 'warning', text });
  const shopDbFile = join(options.dataDir, 'shop.db');
  // The demo shop is generated from a fixed seed: a damaged one would fail every run, so it is
  // moved aside like a damaged store (never deleted) and the next run seeds a new one.
  const shopDamage = findDamage(shopDbFile);
  if (shopDamage !== null) {
    const text = `The demo shop database ${shopDbFile} could not be used because ${shopDamage}. It was moved to ${moveAside(shopDbFile)} (nothing was deleted); the next run builds a new one.`;
    events.emit('notice', { level: 'warning', text });
  }
  // The theoretical bound's CPU count: stored with every run, and the renderer's for the sliders.
  const cores = availableParallelism();
  const reserve = options.warmThreads
    ? new ThreadReserve(shopDbFile, options.warmThreads, options.sparesKeptIdleMs ?? SPARES_KEPT_IDLE_MS)
    : null;
  const runs = new RunService(store, shopDbFile, events, cores, reserve);
  // After the host is up: the first screen's scenario finds its threads ready (seeding a new
  // shop first, once, ~0.7 s that its first run would otherwise pay).
  // A failure here (a shop that cannot be seeded) is the first run's to report, with its sentence.
  const prepared = reserve
    ? new Promise((r) => setImmediate(r))
        .then(() => prepareThreads(reserve, scenarioSchema.parse(PRESETS[0].scenario)))
        .catch(() => {})
    : null;
  // Python is looked for on the first djangoEnvironment() call, never here: start-up stays fast
  // and works on machines without Python.
  const runApi = createApi(
    store,
    runs,
    { mode: options.mode, version: APP_VERSION, dataDir: options.dataDir, cores },
    (refresh) => discoverDjangoEnvironment({ refresh }),
  );
  const on: App['on'] = (name, listener) => events.on(name, listener);
  // A sweep starts its steps through the unguarded run calls; hosts get the guarded API.
  const sweeps = new SweepService(store.sweeps, { api: runApi, on, emit: (e) => events.emit('sweep', e) });
  const api = withSweeps(runApi, sweeps, store.sweeps);
  let closed = false;
  return {
    api,
    storeImport: (read) => storeImport(store, read),
    on,
    whenThreadsReady: async () => {
      await prepared;
      await reserve?.refilled();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await sweeps.stopAll();
      await runs.stopAll();
      await reserve?.dispose();
      store.close();
    },
  };
}

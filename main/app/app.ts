/**
 * The composition root of everything a host (the CLI, the Electron shell, the browser-mode host)
 * needs: the store, the run service and the API the renderer calls. Hosts call `openApp` and
 * carry the API over their transport; they contain no logic of their own.
 *
 * (Contract first; filled in as the engine lands.)
 */
import type { BridgeEventName, BridgeEvents, InterleaveApi } from '../../shared/bridge.ts';

export interface AppOptions {
  /** Folder for the run store and the demo shop database. */
  dataDir: string;
  /** Reported by hostInfo(). */
  mode: 'electron' | 'browser';
}

export interface App {
  api: InterleaveApi;
  /** Subscribe to pushed events (run progress, notices). Returns an unsubscribe function. */
  on<E extends BridgeEventName>(name: E, listener: (payload: BridgeEvents[E]) => void): () => void;
  /** Stops running runs, closes the store. */
  close(): Promise<void>;
}

export async function openApp(_options: AppOptions): Promise<App> {
  throw new Error('openApp: not implemented yet');
}

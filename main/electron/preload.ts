/**
 * The preload: runs sandboxed, in its own world, before the page. It exposes exactly one small
 * object, `window.interleave = { call(method, args), on(name, listener) }`, never `ipcRenderer`
 * itself: a page that could reach raw IPC could send on any channel. Both functions refuse names
 * outside the allowlists (`API_METHODS`, `BRIDGE_EVENTS`); the main process checks again, and also
 * checks which frame is asking, because this script cannot know whether the page is compromised.
 *
 * Readiness: the main process holds events until this page says it listens. That happens on the
 * first `on()`, one task later, so every subscription the UI makes while starting is in place
 * before queued events (a start-up notice, a run already going) are delivered.
 *
 * Built as CommonJS (out/main/preload.cjs): a sandboxed preload is a plain script, not a module.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { BridgeEventName } from '../../shared/bridge.ts';
import { isApiMethod, isBridgeEventName, type PreloadBridge } from '../../shared/bridge-client.ts';
import type { CallOutcome } from '../../shared/bridge-server.ts';
import { IPC_CHANNELS } from './ipc-channels.ts';

const listeners = new Map<BridgeEventName, Set<(payload: unknown) => void>>();
let saidReady = false;

ipcRenderer.on(IPC_CHANNELS.event, (_event, name: unknown, payload: unknown) => {
  if (!isBridgeEventName(name)) return;
  for (const listener of [...(listeners.get(name) ?? [])]) listener(payload);
});

const bridge: PreloadBridge = {
  call(method, args) {
    if (!isApiMethod(method)) return Promise.reject(new Error(`Bridge method "${String(method)}" is not allowed`));
    if (!Array.isArray(args)) return Promise.reject(new Error(`Bridge call ${method}: arguments must be a list`));
    return ipcRenderer.invoke(IPC_CHANNELS.call, method, args).then((outcome: CallOutcome) => {
      if (outcome.ok) return outcome.value;
      throw new Error(outcome.error);
    });
  },
  on(name, listener) {
    if (!isBridgeEventName(name)) throw new Error(`Unknown bridge event "${String(name)}"`);
    if (typeof listener !== 'function') throw new Error('A bridge event listener must be a function');
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    const entry = (payload: unknown) => listener(payload);
    set.add(entry);
    if (!saidReady) {
      saidReady = true;
      setTimeout(() => ipcRenderer.send(IPC_CHANNELS.ready), 0);
    }
    return () => {
      set.delete(entry);
    };
  },
};

contextBridge.exposeInMainWorld('interleave', bridge);

/**
 * `getBridge()`: the renderer's one way to reach the engine, whichever host serves it.
 *
 * In Electron the preload has put a small `window.interleave` object in the page (one call
 * function and one event subscription, both allowlisted); in browser mode there is no such
 * object, and the bridge is a WebSocket to the page's own host, authenticated by the launch
 * token. Either way the UI gets the same typed `BridgeClient` and can tell the modes apart only
 * through `hostInfo()`. `getBridgeState()` / `onBridgeStateChange()` say when the connection is
 * lost, with a sentence to show (Electron's IPC never closes, so there it is always `open`).
 */
import type { BridgeClient } from '../../../shared/bridge.ts';
import { bridgeClientOf, createBridgeClient, type PreloadBridge } from '../../../shared/bridge-client.ts';
import { BRIDGE_PATH } from '../../../shared/transports/websocket-protocol.ts';
import { takeLaunchToken } from './launch-token.ts';
import { connectWebSocketTransport, type ConnectionState } from './websocket-transport.ts';

export type { ConnectionState } from './websocket-transport.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    interleave?: PreloadBridge;
  }
}

const MISSING_TOKEN =
  'This page was opened without its launch token. Open the full address printed by `npm start` ' +
  '(it ends in #token=…).';

let bridge: BridgeClient | undefined;
let state: ConnectionState = { status: 'connecting' };
const stateListeners = new Set<(state: ConnectionState) => void>();

function setState(next: ConnectionState): void {
  state = next;
  for (const listener of [...stateListeners]) listener(next);
}

function connect(): BridgeClient {
  const preload = window.interleave;
  if (preload) {
    state = { status: 'open' };
    return bridgeClientOf(preload.call, preload.on);
  }
  const token = takeLaunchToken();
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${location.host}${BRIDGE_PATH}`;
  if (token === undefined) {
    state = { status: 'closed', reason: MISSING_TOKEN };
    // A client whose every call fails with the reason: the UI can render and show it.
    return bridgeClientOf(
      () => Promise.reject(new Error(MISSING_TOKEN)),
      () => () => {},
    );
  }
  const transport = connectWebSocketTransport(url, token, (u, protocols) => new WebSocket(u, protocols));
  transport.onStateChange(setState);
  return createBridgeClient(transport);
}

/** The bridge client, created on first use and shared by the whole UI. */
export function getBridge(): BridgeClient {
  bridge ??= connect();
  return bridge;
}

/** Where the connection stands now. */
export function getBridgeState(): ConnectionState {
  getBridge();
  return state;
}

/** Called on every change of the connection state; returns an unsubscribe function. */
export function onBridgeStateChange(listener: (state: ConnectionState) => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

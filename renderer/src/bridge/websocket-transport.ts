/**
 * The renderer's end of the browser-mode bridge: a WebSocket to the page's own host, as a bridge
 * `Transport` (see shared/transports/websocket-protocol.ts for the wire).
 *
 * No reconnection, on purpose: the host keeps no session, so a socket that closes means the host
 * stopped (or this page belongs to an earlier launch, whose token is no longer valid), and
 * silently retrying would only hide that. Instead the transport enters a `closed` state with a
 * sentence the UI shows, and every pending and later call is rejected with that sentence.
 *
 * The socket is created through a factory so the same code runs against the real host in Node
 * tests (with the `ws` client); this file uses no DOM or Node types.
 */
import type { BridgeMessage } from '../../../shared/bridge.ts';
import type { ClosableTransport } from '../../../shared/bridge-client.ts';
import {
  BRIDGE_PROTOCOL,
  MAX_MESSAGE_BYTES,
  TOKEN_PROTOCOL_PREFIX,
} from '../../../shared/transports/websocket-protocol.ts';

/** The part of the WebSocket API used here (the browser's `WebSocket`, or `ws` in tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export type WebSocketFactory = (url: string, protocols: string[]) => WebSocketLike;

/** Where the bridge connection stands; `closed` carries the sentence to show. */
export type ConnectionState = { status: 'connecting' } | { status: 'open' } | { status: 'closed'; reason: string };

export interface WebSocketTransport extends ClosableTransport {
  state(): ConnectionState;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
  /** Closes the socket; pending calls are rejected. */
  close(): void;
}

const OPEN = 1;

function never(host: string): string {
  return (
    `Could not connect to the Interleave host at ${host}. It may have stopped, or this page comes from ` +
    'an earlier launch: start it again with `npm start` and open the address it prints.'
  );
}

function lost(host: string): string {
  return (
    `Lost the connection to the Interleave host at ${host} (it stopped?). Start it again with ` +
    '`npm start` and open the address it prints.'
  );
}

/** UTF-8 size of a frame; exact only when it might matter (a UTF-16 unit is at most 3 bytes). */
function frameBytes(frame: string, limit: number): number {
  return frame.length * 3 <= limit ? frame.length : new TextEncoder().encode(frame).length;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Opens the socket at once; messages sent before it opens are queued, in order. A message larger
 * than `maxBytes` is refused (its call fails) instead of sent: the host would close the socket.
 */
export function connectWebSocketTransport(
  url: string,
  token: string,
  factory: WebSocketFactory,
  maxBytes = MAX_MESSAGE_BYTES,
): WebSocketTransport {
  const host = url.replace(/^ws:\/\/([^/]+).*$/, '$1');
  const messageListeners = new Set<(message: BridgeMessage) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const closeListeners = new Set<(reason: string) => void>();
  let state: ConnectionState = { status: 'connecting' };
  let outbox: string[] = [];

  const setState = (next: ConnectionState) => {
    if (state.status === 'closed') return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
    if (next.status === 'closed') {
      outbox = [];
      for (const listener of [...closeListeners]) listener(next.reason);
    }
  };

  const socket = factory(url, [BRIDGE_PROTOCOL, TOKEN_PROTOCOL_PREFIX + token]);
  let opened = false;
  socket.addEventListener('open', () => {
    opened = true;
    for (const frame of outbox) socket.send(frame);
    outbox = [];
    setState({ status: 'open' });
  });
  // An error is always followed by close, which carries the state change; listening here keeps
  // event-emitter sockets (ws in tests) from treating the error as unhandled.
  socket.addEventListener('error', () => {});
  socket.addEventListener('close', () => setState({ status: 'closed', reason: opened ? lost(host) : never(host) }));
  socket.addEventListener('message', (event) => {
    let message: unknown;
    try {
      message = JSON.parse(String(event.data));
    } catch {
      return;
    }
    if (message === null || typeof message !== 'object') return;
    for (const listener of [...messageListeners]) listener(message as BridgeMessage);
  });

  return {
    send(message) {
      if (state.status === 'closed') throw new Error(state.reason);
      const frame = JSON.stringify(message);
      const bytes = frameBytes(frame, maxBytes);
      if (bytes > maxBytes) {
        throw new Error(
          `This request is ${megabytes(bytes)}; the browser-mode bridge carries at most ${megabytes(maxBytes)}.`,
        );
      }
      if (socket.readyState === OPEN) socket.send(frame);
      else outbox.push(frame);
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    state: () => state,
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      socket.close();
      setState({ status: 'closed', reason: 'The connection to the Interleave host was closed by the page.' });
    },
  };
}

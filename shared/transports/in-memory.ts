/**
 * A connected pair of transports in one process, for tests of the real client against the real
 * server (as VS Code tests its IPC over an in-memory protocol pair).
 *
 * It behaves like a wire, not like a function call: delivery is asynchronous (a microtask later,
 * in order), and each message is copied through JSON, exactly what the WebSocket transport does,
 * so a test over this pair catches values the real wire would change (`undefined`, `Date`, `Map`).
 */
import type { BridgeMessage } from '../bridge.ts';
import type { ClosableTransport } from '../bridge-client.ts';

/** One end of an in-memory pair; `close()` closes both ends. */
export interface InMemoryTransport extends ClosableTransport {
  close(reason?: string): void;
}

/** Two connected transports: what one sends, the other receives. */
export function createInMemoryPair(): [InMemoryTransport, InMemoryTransport] {
  const listeners: [Set<(m: BridgeMessage) => void>, Set<(m: BridgeMessage) => void>] = [new Set(), new Set()];
  const closeListeners = new Set<(reason: string) => void>();
  let closed: string | null = null;

  const close = (reason = 'The in-memory transport was closed') => {
    if (closed !== null) return;
    closed = reason;
    for (const listener of closeListeners) listener(reason);
  };

  const end = (self: 0 | 1): InMemoryTransport => ({
    send(message: BridgeMessage) {
      if (closed !== null) throw new Error(closed);
      const wire = JSON.stringify(message);
      queueMicrotask(() => {
        if (closed !== null) return;
        for (const listener of [...listeners[1 - self]]) listener(JSON.parse(wire) as BridgeMessage);
      });
    },
    onMessage(listener) {
      listeners[self].add(listener);
      return () => listeners[self].delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close,
  });

  return [end(0), end(1)];
}

/**
 * The host's end of the browser-mode bridge: one `ws` socket as a bridge `Transport`, carrying
 * each `BridgeMessage` as one JSON text frame. Frames that are not JSON objects are dropped
 * (the bridge server then ignores anything that is not a well-formed call).
 */
import type { WebSocket } from 'ws';
import type { BridgeMessage, Transport } from '../../shared/bridge.ts';

export function socketTransport(socket: WebSocket): Transport {
  return {
    send(message) {
      if (socket.readyState !== socket.OPEN) throw new Error('The browser page has disconnected');
      socket.send(JSON.stringify(message));
    },
    onMessage(listener) {
      const onFrame = (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
        if (isBinary) return;
        let message: unknown;
        try {
          message = JSON.parse(String(data));
        } catch {
          return;
        }
        if (message !== null && typeof message === 'object') listener(message as BridgeMessage);
      };
      socket.on('message', onFrame);
      return () => socket.off('message', onFrame);
    },
  };
}

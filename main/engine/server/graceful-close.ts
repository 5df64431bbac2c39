/**
 * How gunicorn's sync worker ends a connection. It has no keep-alive: every response says
 * `Connection: close`. Since gunicorn 26 the worker then closes gracefully (RFC 9112 §9.6,
 * gunicorn's util.close_graceful): it half-closes its side, sending its FIN, and keeps reading
 * until the client closes too or 2 s pass, and only then accepts its next connection. So a
 * worker is held for one more client round trip after each response, longer when the client is
 * slow to close.
 *
 * Node's HTTP server ends such a connection with socket.destroySoon(), which drops the socket as
 * soon as its own FIN is out. The sockets of a server made gunicorn-like here end their side
 * instead and are released when the client has closed its own (or at the cap).
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** gunicorn 26's cap on the wait for the client's close (close_graceful's timeout). */
export const GRACEFUL_CLOSE_CAP_MS = 2_000;

const closedBy = new WeakMap<Socket, Promise<void>>();

/** Every connection `server` accepts closes as gunicorn 26's sync worker closes it. */
export function closeConnectionsGracefully(server: Server): void {
  server.on('connection', (socket: Socket) => {
    closedBy.set(socket, new Promise<void>((resolve) => socket.once('close', () => resolve())));
    // Half-close (our FIN) and keep the socket until the client's FIN: the server allows half-open
    // sockets, so it ends by itself once both sides have; a client that never closes is cut off.
    socket.destroySoon = () => {
      socket.end();
      const cap = setTimeout(() => socket.destroy(), GRACEFUL_CLOSE_CAP_MS);
      socket.once('close', () => clearTimeout(cap));
    };
  });
}

/** When the connection of `socket` (made by such a server) is closed on both sides. */
export function connectionClosed(socket: Socket): Promise<void> {
  return closedBy.get(socket) ?? Promise.resolve();
}

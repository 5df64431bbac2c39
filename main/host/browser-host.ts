/**
 * The browser-mode host: when no Electron binary exists, the same UI runs in the system browser,
 * served by one `node:http` server on 127.0.0.1 that also carries the bridge over a WebSocket.
 *
 * The page URL is `http://127.0.0.1:PORT/#token=…`. The token sits in the fragment, which the
 * browser never sends to any server, nor in a Referer; the page reads it, removes it from the
 * address bar and presents it when it opens the WebSocket, as the subprotocol `interleave.<token>`.
 * A subprotocol rather than a query parameter because URLs end up in logs, proxies' and
 * debuggers' request lists and error messages, while a header does not; the host answers with
 * the fixed protocol `interleave-bridge`, so the token is not even echoed back.
 *
 * Every upgrade is checked (Host, Origin, token; see request-guards.ts) in the http server's
 * `upgrade` handler and refused with a plain 403 before any WebSocket exists.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { InterleaveApi } from '../../shared/bridge.ts';
import { serveApi, type BridgeEventSource } from '../../shared/bridge-server.ts';
import {
  BRIDGE_PATH,
  BRIDGE_PROTOCOL,
  MAX_MESSAGE_BYTES,
  TOKEN_HASH_KEY,
} from '../../shared/transports/websocket-protocol.ts';
import { createToken, isAllowedHost, isAllowedOrigin, tokenFromProtocols, tokensMatch } from './request-guards.ts';
import { socketTransport } from './socket-transport.ts';
import { serveStatic } from '../platform/static-files.ts';

export interface BrowserHostOptions {
  /** The app whose API is served and whose events are pushed (see main/app/app.ts). */
  app: { api: InterleaveApi } & BridgeEventSource;
  /** 0 (default) picks a free port; a busy requested port falls back to a free one. */
  port?: number;
  /** The built renderer, usually out/renderer. */
  staticDir: string;
}

export interface BrowserHost {
  /** The page to open, token included: `http://127.0.0.1:PORT/#token=…`. */
  url: string;
  token: string;
  port: number;
  /** Where the server listens: always 127.0.0.1. */
  address: AddressInfo;
  /** Set when the requested port was busy and another was chosen; says so in a sentence. */
  note: string | undefined;
  /** Closes every bridge connection and the server. The app is the caller's to close. */
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: 400 | 403 | 404, reason: string): void {
  const body = `${reason}\n`;
  const title = status === 400 ? 'Bad Request' : status === 403 ? 'Forbidden' : 'Not Found';
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts the host; resolves once it listens. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { app, staticDir } = options;
  const token = createToken();
  let port = 0;

  const server = createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, port)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('Forbidden host\n');
    }
    serveStatic(req, res, staticDir);
  });

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (offered) => (offered.has(BRIDGE_PROTOCOL) ? BRIDGE_PROTOCOL : false),
  });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== BRIDGE_PATH) return refuse(socket, 404, 'Not found');
    if (!isAllowedHost(req.headers.host, port)) return refuse(socket, 403, 'Forbidden host');
    if (!isAllowedOrigin(req.headers.origin, port)) return refuse(socket, 403, 'Forbidden origin');
    if (!tokensMatch(tokenFromProtocols(req.headers['sec-websocket-protocol']), token)) {
      return refuse(socket, 403, 'Missing or wrong token');
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const stop = serveApi(app.api, socketTransport(ws), app);
      ws.on('close', stop);
      // A too-large frame or a protocol error closes this socket; it must not crash the host.
      ws.on('error', () => ws.terminate());
    });
  });

  const requested = options.port ?? 0;
  let note: string | undefined;
  try {
    port = await listen(server, requested);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || requested === 0) throw error;
    port = await listen(server, 0);
    note = `Port ${requested} is busy; using ${port} instead.`;
  }

  return {
    url: `http://127.0.0.1:${port}/#${TOKEN_HASH_KEY}=${token}`,
    token,
    port,
    address: server.address() as AddressInfo,
    note,
    async close() {
      for (const ws of sockets.clients) ws.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

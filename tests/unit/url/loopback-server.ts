/**
 * Test helper: a tiny Node HTTP server on 127.0.0.1 (or another loopback address) that records
 * every request it receives (method, path, headers, body) and answers with the test's handler.
 * Close it with `close()` in `t.after`: it also drops keep-alive connections.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  base: string;
  received: Received[];
  close(): Promise<void>;
}

export type Handler = (req: Received, res: ServerResponse) => void;

export async function startLoopbackServer(handler: Handler, host = '127.0.0.1'): Promise<LoopbackServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      received.push(r);
      handler(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://${host}:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

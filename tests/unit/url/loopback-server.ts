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

/**
 * A stand-in for a server with Interleave's probe installed (the real probe on real Django is
 * tested in django/probe-own-project.test.ts): its clock is `shiftMs` away from ours; each
 * response, 20 ms after its request, stamps when it was accepted and answered, on which thread,
 * and one `running` span inside (on an executor thread under ASGI, the worker under WSGI).
 */
export function startProbedServer(shiftMs: number, probe: 'asgi' | 'wsgi', pid: number): Promise<LoopbackServer> {
  const serverNow = () => performance.timeOrigin + performance.now() + shiftMs;
  return startLoopbackServer((req, res) => {
    const id = req.headers['x-interleave-req'];
    const accepted = serverNow();
    const answer = () => {
      const responded = serverNow();
      // A timer may fire a little early: answer only once 20 ms have passed on the server's clock.
      if (responded - accepted < 20) return setTimeout(answer, 1);
      const thread = probe === 'asgi' ? `${pid} 2 0 ThreadPoolExecutor-0_0` : `${pid} 1 1 MainThread`;
      const spanStart = accepted + 5;
      res.writeHead(200, {
        'server-timing': [
          `interleave-served;desc="${id} ${accepted.toFixed(3)} ${responded.toFixed(3)} ${pid} 1 1 MainThread"`,
          `interleave-interface;desc="${probe}"`,
          `interleave-span;dur=${(responded - spanStart - 1).toFixed(3)};desc="running ${spanStart.toFixed(3)} ${thread}"`,
        ].join(', '),
      });
      res.end('ok');
    };
    setTimeout(answer, 20);
  });
}

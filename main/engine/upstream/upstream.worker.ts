/**
 * The embedded slow upstream (a payment provider, a partner API) on 127.0.0.1, in a thread of its
 * own so a blocked server loop cannot slow it down. `GET /delay?ms=N&fault=F` answers after N ms;
 * `hang` never answers; `reset` destroys the connection after N ms.
 */
import { createServer } from 'node:http';
import { parentPort } from 'node:worker_threads';
import { isSpareThread, threadData } from '../threads/thread-data.ts';
import { exerciseHttp } from '../threads/http-exercise.ts';
import { AsyncHttpClient } from './async-http-client.ts';

// A spare serves HTTP ahead of its run (http-exercise.ts), then waits here until a run takes it.
if (isSpareThread()) {
  const client = new AsyncHttpClient();
  await exerciseHttp((url) => client.get(url, 10_000));
  await client.close();
}
await threadData<Record<string, never>>();

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const ms = Math.max(0, Math.min(60_000, Number(url.searchParams.get('ms')) || 0));
  const fault = url.searchParams.get('fault') ?? 'none';
  if (fault === 'hang') return;
  setTimeout(() => {
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 });
    res.end('ok');
  }, ms);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  parentPort!.postMessage({ type: 'ready', port });
});
parentPort!.on('message', (message: { type: string }) => {
  if (message.type === 'close') {
    server.closeAllConnections();
    server.close(() => parentPort!.postMessage({ type: 'closed' }));
  }
});

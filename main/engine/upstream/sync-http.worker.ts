/**
 * The sync-http thread: performs blocking callers' HTTP requests for them (see
 * sync-http-client.ts). It never blocks, so one thread serves every parked caller at once.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { isSpareThread, threadData } from '../threads/thread-data.ts';
import { exerciseHttp } from '../threads/http-exercise.ts';
import { AsyncHttpClient } from './async-http-client.ts';
import type { SyncHttpRequest } from './sync-http-client.ts';

const http = new AsyncHttpClient();
// A spare calls through its client ahead of its run (http-exercise.ts).
if (isSpareThread()) await exerciseHttp((url) => http.get(url, 10_000));

function serve(port: MessagePort): void {
  port.on('message', async (request: SyncHttpRequest) => {
    const result = await http.get(request.url, request.timeoutMs);
    port.postMessage(result);
    Atomics.store(request.flag, 0, 1);
    Atomics.notify(request.flag, 0);
  });
}

for (const port of (await threadData<{ ports: MessagePort[] }>()).ports) serve(port);
parentPort!.on('message', (message: { type: string; port?: MessagePort }) => {
  if (message.type === 'port' && message.port) serve(message.port);
});
parentPort!.postMessage({ type: 'ready' });

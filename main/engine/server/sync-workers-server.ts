/**
 * gunicorn with W sync workers under WSGI: each worker is a process that serves one request at
 * a time; a request waits (in the listen backlog, here in a FIFO) until a worker is free.
 * This thread only accepts and hands out, like gunicorn's arbiter and the kernel's backlog; the
 * views run on the worker threads.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Micros } from '../../../shared/trace.ts';
import type { WorkerDone, WorkerRequest } from '../threads/protocol.ts';
import type { ViewHandler } from './view-handler.ts';
import type { ViewFailure } from '../steps/step-error.ts';

interface Waiting {
  message: WorkerRequest;
  resolve(error: ViewFailure | null): void;
}

export function createSyncWorkersServer(ports: MessagePort[]): ViewHandler {
  const idle = ports.map((_, i) => ports.length - 1 - i);
  const backlog: Waiting[] = [];
  const running = new Map<number, Waiting>();

  const dispatch = (worker: number, w: Waiting) => {
    running.set(w.message.req, w);
    ports[worker].postMessage(w.message);
  };

  ports.forEach((port, worker) =>
    port.on('message', (done: WorkerDone) => {
      running.get(done.req)?.resolve(done.error);
      running.delete(done.req);
      const next = backlog.shift();
      if (next) dispatch(worker, next);
      else idle.push(worker);
    }),
  );

  return (req: number, _endpoint, endpointIndex: number, accepted: Micros) =>
    new Promise((resolve) => {
      const w: Waiting = { message: { type: 'request', req, endpoint: endpointIndex, accepted }, resolve };
      const worker = idle.pop();
      if (worker === undefined) backlog.push(w);
      else dispatch(worker, w);
    });
}

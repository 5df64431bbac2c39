/**
 * uvicorn's --limit-concurrency N, as its h11 protocol applies it: when a request arrives and the
 * process holds at least N open connections (kept-alive ones and this request's own included) or
 * at least N running tasks, the request is answered 503 "Service Unavailable" without running
 * the view.
 */
import type { Server } from 'node:http';
import type { ViewFailure } from '../steps/step-error.ts';

/** uvicorn's answer to a request beyond the limit: its status and body. */
export const SERVICE_UNAVAILABLE: ViewFailure = { status: 503, message: 'Service Unavailable' };

export interface ConcurrencyLimit {
  /** True when a request arriving now is refused. */
  refuses(): boolean;
  taskStarted(): void;
  taskDone(): void;
}

/** Counts `server`'s open connections and its running requests against `limit` (null: no limit). */
export function limitConcurrency(server: Server, limit: number | null): ConcurrencyLimit {
  let connections = 0;
  let tasks = 0;
  if (limit !== null) {
    server.on('connection', (socket) => {
      connections += 1;
      socket.once('close', () => (connections -= 1));
    });
  }
  return {
    refuses: () => limit !== null && (connections >= limit || tasks >= limit),
    taskStarted: () => void (tasks += 1),
    taskDone: () => void (tasks -= 1),
  };
}

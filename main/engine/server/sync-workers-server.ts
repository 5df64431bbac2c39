/**
 * gunicorn with W sync workers under WSGI: each worker is a process that serves one request at
 * a time; a request waits (in the listen backlog, here in a FIFO) until a worker is free. A
 * worker is free once its client has closed the connection of its last response, as gunicorn
 * 26 closes (graceful-close.ts); gthread's workers keep their connections alive and do not wait.
 * This thread only accepts and hands out, like gunicorn's arbiter and the kernel's backlog; the
 * views run on the worker threads.
 *
 * It is the arbiter's clock too: a sync worker busy with one request longer than `--timeout` is
 * aborted (WORKER TIMEOUT), its request answered 500 at that moment, as gunicorn 26's dying
 * worker answers it; the worker's step ends and it serves on as the fresh worker the arbiter
 * starts in its place (whose boot the model does not charge). Real gunicorn checks each worker's
 * heartbeat about once a second, so there the kill comes up to a second later. gthread workers
 * are not timed out by a long request: their heartbeat comes from the process's main loop.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Micros } from '../../../shared/trace.ts';
import { abortLane, type ControlWord } from '../control.ts';
import type { WorkerDone, WorkerRequest } from '../threads/protocol.ts';
import type { Closing, ViewHandler } from './view-handler.ts';
import type { ViewFailure } from '../steps/step-error.ts';

interface Waiting {
  message: WorkerRequest;
  resolve(error: ViewFailure | null): void;
  /** gunicorn 26 (sync): from the response to the client's close of its connection. */
  closing?: Promise<Closing>;
}

export interface WorkerPort {
  lane: number;
  port: MessagePort;
}

export interface Arbiter {
  control: ControlWord;
  /** gunicorn's `--timeout` in seconds; 0: never. */
  timeoutS: number;
  /** Records a worker's wait for its client's close (sync workers that close gracefully). */
  recordClosing?: (req: number, lane: number, start: Micros, end: Micros) => void;
}

/** What the killed worker's request gets: gunicorn's log line, and a 500. */
export function workerTimeout(timeoutS: number): ViewFailure {
  return {
    status: 500,
    message: `WORKER TIMEOUT: gunicorn's arbiter aborted the worker after --timeout ${timeoutS} s, mid-request`,
  };
}

export function createSyncWorkersServer(workers: WorkerPort[], arbiter: Arbiter): ViewHandler {
  const idle = workers.map((_, i) => workers.length - 1 - i);
  const backlog: Waiting[] = [];
  const running = new Map<number, Waiting>();
  const deadlines = new Map<number, NodeJS.Timeout>();

  const dispatch = (worker: number, w: Waiting) => {
    running.set(w.message.req, w);
    if (arbiter.timeoutS > 0)
      deadlines.set(
        w.message.req,
        setTimeout(() => kill(worker, w), arbiter.timeoutS * 1000),
      );
    workers[worker].port.postMessage(w.message);
  };

  /** The request is answered now; the worker comes back when its aborted step has ended. */
  const kill = (worker: number, w: Waiting) => {
    running.delete(w.message.req);
    deadlines.delete(w.message.req);
    abortLane(arbiter.control, workers[worker].lane);
    w.resolve(workerTimeout(arbiter.timeoutS));
  };

  const takeNext = (worker: number) => {
    const next = backlog.shift();
    if (next) dispatch(worker, next);
    else idle.push(worker);
  };

  /** Answered: the worker takes its next connection once the client has closed this one. */
  const lingerThenTakeNext = (worker: number, req: number, closing: Promise<Closing>) => {
    void closing.then(({ from, to }) => {
      arbiter.recordClosing?.(req, workers[worker].lane, from, to);
      takeNext(worker);
    });
  };

  workers.forEach(({ port }, worker) =>
    port.on('message', (done: WorkerDone) => {
      clearTimeout(deadlines.get(done.req));
      deadlines.delete(done.req);
      const w = running.get(done.req);
      running.delete(done.req);
      w?.resolve(done.error);
      if (w?.closing) lingerThenTakeNext(worker, done.req, w.closing);
      else takeNext(worker);
    }),
  );

  return (req: number, _endpoint, endpointIndex: number, accepted: Micros, closing?: Promise<Closing>) =>
    new Promise((resolve) => {
      const w: Waiting = { message: { type: 'request', req, endpoint: endpointIndex, accepted }, resolve, closing };
      const worker = idle.pop();
      if (worker === undefined) backlog.push(w);
      else dispatch(worker, w);
    });
}

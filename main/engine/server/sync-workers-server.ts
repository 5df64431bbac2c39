/**
 * gunicorn with W sync workers under WSGI: each worker is a process that serves one request at
 * a time; a request waits (in the listen backlog, here in a FIFO) until a worker is free. A
 * worker is free once its client has closed the connection of its last response, as gunicorn
 * 26 closes (graceful-close.ts); gthread's workers keep their connections alive and do not wait.
 * This thread only accepts and hands out, like gunicorn's arbiter and the kernel's backlog; the
 * views run on the worker threads.
 *
 * It is the arbiter too (arbiter.ts): at the arbiter's wakes, a sync worker busy with one request
 * longer than `--timeout` is aborted (WORKER TIMEOUT), its request answered 500 at that moment, as
 * gunicorn 26's dying worker answers it; the worker's step ends, and the thread serves on as the
 * replacement the arbiter forks, once that has booted. gthread workers are not timed out by a
 * long request: their heartbeat comes from the process's main loop.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Micros } from '../../../shared/trace.ts';
import { abortLane, type ControlWord } from '../control.ts';
import type { WorkerDone, WorkerRequest } from '../threads/protocol.ts';
import type { Closing, ViewHandler } from './view-handler.ts';
import type { ViewFailure } from '../steps/step-error.ts';
import { workerTimeoutMessage } from '../../../shared/worker-timeout.ts';
import { ArbiterSchedule } from './arbiter.ts';

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
  now(): Micros;
  /** The arbiter's pause after each fork is `0.1 × random()` s: seeded, as the load is. */
  random(): number;
  /** gunicorn's `--timeout` in seconds; 0: never. */
  timeoutS: number;
  /** Records a worker's wait for its client's close (sync workers that close gracefully). */
  recordClosing?: (req: number, lane: number, start: Micros, end: Micros) => void;
}

/** What the killed worker's request gets: gunicorn's log line, and a 500. */
export function workerTimeout(timeoutS: number): ViewFailure {
  return { status: 500, message: workerTimeoutMessage(timeoutS) };
}

/** Whole milliseconds from `now` to `at` (µs), rounded up: a timer must not fire before `at`. */
const msUntil = (at: Micros, now: Micros) => Math.max(0, Math.ceil((at - now) / 1000));

export function createSyncWorkersServer(workers: WorkerPort[], arbiter: Arbiter): ViewHandler {
  const idle = workers.map((_, i) => workers.length - 1 - i);
  const backlog: Waiting[] = [];
  /** Per worker, its request while it serves one. */
  const serving = new Map<number, Waiting>();
  /** Per aborted worker: has its thread's step ended, and when can its replacement accept. */
  const replacing = new Map<number, { stepEnded: boolean; readyAt: Micros | null }>();
  const schedule =
    arbiter.timeoutS > 0 ? new ArbiterSchedule(arbiter.timeoutS * 1e6, arbiter.now(), arbiter.random) : null;

  const dispatch = (worker: number, w: Waiting) => {
    serving.set(worker, w);
    schedule?.took(worker, arbiter.now());
    workers[worker].port.postMessage(w.message);
  };

  /** The request is answered now; the thread serves again as the replacement, once booted. */
  const abort = (worker: number) => {
    const w = serving.get(worker);
    if (!w) return;
    serving.delete(worker);
    replacing.set(worker, { stepEnded: false, readyAt: null });
    abortLane(arbiter.control, workers[worker].lane);
    w.resolve(workerTimeout(arbiter.timeoutS));
  };

  /** The thread takes its next request once its aborted step has ended and the replacement booted. */
  const serveAsReplacement = (worker: number) => {
    const r = replacing.get(worker);
    if (!r?.stepEnded || r.readyAt === null) return;
    replacing.delete(worker);
    setTimeout(() => takeNext(worker), msUntil(r.readyAt, arbiter.now()));
  };

  /** The arbiter's next look, on its schedule's time (the timer holds nothing open). */
  const armArbiter = (arbiterSchedule: ArbiterSchedule) =>
    setTimeout(() => wakeArbiter(arbiterSchedule), msUntil(arbiterSchedule.nextWake, arbiter.now())).unref();

  const wakeArbiter = (arbiterSchedule: ArbiterSchedule) => {
    const { aborted, replaced } = arbiterSchedule.wake(arbiter.now());
    for (const worker of aborted) abort(worker);
    for (const { worker, readyAt } of replaced) {
      const r = replacing.get(worker);
      if (r) r.readyAt = readyAt;
      serveAsReplacement(worker);
    }
    armArbiter(arbiterSchedule);
  };
  if (schedule) armArbiter(schedule);

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
      schedule?.freed(worker);
      const w = serving.get(worker);
      serving.delete(worker);
      // No request: the arbiter aborted it and answered it already; this was its step ending.
      if (!w) {
        const r = replacing.get(worker);
        if (r) r.stepEnded = true;
        return serveAsReplacement(worker);
      }
      w.resolve(done.error);
      if (w.closing) lingerThenTakeNext(worker, done.req, w.closing);
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

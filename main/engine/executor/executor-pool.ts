/**
 * The server thread's side of the executor: hands tasks to executor threads through the chosen
 * queue discipline and resolves the awaiting request when its task is done.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Executor, OffloadableStep, Step } from '../../../shared/scenario.ts';
import type { Micros } from '../../../shared/trace.ts';
import type { ExecutorDone, ExecutorRequestFinished, ExecutorTask, HandlerHop } from '../threads/protocol.ts';
import { StepError } from '../steps/step-error.ts';
import { createExecutorQueue, type ExecutorQueue } from './queues.ts';

type Work = { view: Step[] } | { step: OffloadableStep } | { hop: HandlerHop } | { hold: true };

interface Pending {
  req: number;
  submitted: Micros;
  work: Work;
  /** Resolved with the thread a hold was given; other work resolves when done. */
  resolve(thread?: number): void;
  reject(error: Error): void;
}

export class ExecutorPool {
  private readonly queue: ExecutorQueue;
  private readonly pending = new Map<number, Pending>();
  private nextTask = 1;

  constructor(
    private readonly executor: Executor,
    private readonly ports: MessagePort[],
    private readonly now: () => Micros,
    private readonly closesConnections = false,
  ) {
    this.queue = createExecutorQueue(executor, ports.length);
    ports.forEach((port, thread) => port.on('message', (done: ExecutorDone) => this.finished(thread, done)));
  }

  /** `await sync_to_async(step)()`. */
  offload(req: number, step: OffloadableStep): Promise<void> {
    return this.submit(req, { step });
  }

  /** A sync view on the async server: the whole view runs on the executor. */
  runView(req: number, view: Step[]): Promise<void> {
    return this.submit(req, { view });
  }

  /** The handler's own `sync_to_async(thread_sensitive=True)` call (see handlerHopsQueue). */
  hop(req: number, hop: HandlerHop): Promise<void> {
    return this.submit(req, { hop });
  }

  /**
   * A sync-only middleware's `sync_to_async(thread_sensitive=True)`: the request takes its
   * thread-sensitive thread for itself (waiting while another holds it or works there) and keeps
   * it until `release`; its own offloads still run there. Resolves with the thread's index.
   */
  hold(req: number): Promise<number> {
    return new Promise((resolve, reject) => this.enqueue(req, { hold: true }, (t) => resolve(t!), reject));
  }

  /** The held thread goes back: what waited for it starts. */
  release(req: number): void {
    const thread = this.queue.release(req);
    if (thread !== undefined) this.startNext(thread);
  }

  /**
   * The request is answered. When the run models connections, Django's `request_finished` runs
   * on the thread-sensitive thread the request had, closing its connection there (see
   * db/connection.ts); a per-request thread ends with its request.
   */
  requestDone(req: number): void {
    const thread = this.queue.requestDone(req);
    if (thread === undefined || !this.closesConnections) return;
    const message: ExecutorRequestFinished = { type: 'request-finished', threadEnds: this.executor === 'per-request' };
    this.ports[thread].postMessage(message);
  }

  private submit(req: number, work: Work): Promise<void> {
    return new Promise((resolve, reject) => this.enqueue(req, work, () => resolve(), reject));
  }

  private enqueue(req: number, work: Work, resolve: Pending['resolve'], reject: Pending['reject']): void {
    const task = this.nextTask++;
    this.pending.set(task, { req, submitted: this.now(), work, resolve, reject });
    const thread = this.queue.submit({ task, req, hold: 'hold' in work });
    if (thread !== undefined) this.start(thread, task);
  }

  /** A task given a thread: a hold is granted here (the thread stays free for its holder); work is sent. */
  private start(thread: number, task: number): void {
    const p = this.pending.get(task)!;
    if ('hold' in p.work) {
      this.pending.delete(task);
      p.resolve(thread);
      this.startNext(thread);
      return;
    }
    const message: ExecutorTask = { type: 'task', task, req: p.req, submitted: p.submitted, ...p.work };
    this.ports[thread].postMessage(message);
  }

  private startNext(thread: number): void {
    const next = this.queue.next(thread);
    if (next) this.start(thread, next.task);
  }

  private finished(thread: number, done: ExecutorDone): void {
    const p = this.pending.get(done.task);
    this.pending.delete(done.task);
    this.startNext(thread);
    if (!p) return;
    if (done.error === null) p.resolve();
    else p.reject(new StepError(done.error.message, done.error.status));
  }
}

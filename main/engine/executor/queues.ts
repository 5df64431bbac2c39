/**
 * Where `sync_to_async` runs work: the executor disciplines, as queue disciplines behind one
 * small interface. They are exactly what the lanes view draws.
 *
 * - per-request (Django ≥ 4.0 under ASGI): the handler wraps each request in a
 *   ThreadSensitiveContext, so each request in flight gets its own single thread; its offloads
 *   queue on it one after another (two gathered ORM calls do not overlap).
 * - one-thread (Django 3.x, or no request context): one thread for the whole process.
 * - pool (thread_sensitive=False, run_in_executor): K threads take tasks from one FIFO.
 */
import type { Executor } from '../../../shared/scenario.ts';

export interface QueuedTask {
  task: number;
  req: number;
  /** Not work but a hold: the request takes the thread for itself until it releases it (a sync middleware). */
  hold?: boolean;
}

export interface ExecutorQueue {
  /** Add a task; returns the thread that should start it now, or undefined if it must wait. */
  submit(task: QueuedTask): number | undefined;
  /** A thread finished a task; returns its next task, if any. */
  next(thread: number): QueuedTask | undefined;
  /**
   * The request has been answered: per-request frees its thread. Returns the thread Django's
   * `request_finished` runs on (the thread-sensitive thread the request had), if any.
   */
  requestDone(req: number): number | undefined;
  /** The request lets go of the thread it held; returns that thread when it is idle now (to start what waited). */
  release(req: number): number | undefined;
}

/** FIFO per thread; `route` picks the thread a task belongs to (or undefined for "any idle"). */
class ThreadQueues implements ExecutorQueue {
  protected readonly busy: boolean[];
  protected readonly queues: QueuedTask[][];
  /** The request holding each thread (a sync middleware), whose tasks alone may run there. */
  private readonly holder: (number | null)[];

  constructor(threads: number) {
    this.busy = new Array(threads).fill(false);
    this.queues = Array.from({ length: threads }, () => []);
    this.holder = new Array(threads).fill(null);
  }

  protected route(_task: QueuedTask): number {
    return 0;
  }

  submit(task: QueuedTask): number | undefined {
    const thread = this.route(task);
    if (!this.canTake(thread, task)) {
      this.queues[thread].push(task);
      return undefined;
    }
    this.take(thread, task);
    return thread;
  }

  next(thread: number): QueuedTask | undefined {
    this.busy[thread] = false;
    const queue = this.queues[thread];
    const i = queue.findIndex((t) => this.canTake(thread, t));
    if (i < 0) return undefined;
    const [task] = queue.splice(i, 1);
    this.take(thread, task);
    return task;
  }

  release(req: number): number | undefined {
    const thread = this.holder.indexOf(req);
    if (thread < 0) return undefined;
    this.holder[thread] = null;
    return this.busy[thread] ? undefined : thread;
  }

  /** One thread for the process (Django 3.x): the handler sends request_finished there for every request. */
  requestDone(_req: number): number | undefined {
    return 0;
  }

  private canTake(thread: number, task: QueuedTask): boolean {
    const held = this.holder[thread];
    return !this.busy[thread] && (held === null || held === task.req);
  }

  /** A hold leaves the thread idle for its holder's own tasks; a task makes it busy. */
  private take(thread: number, task: QueuedTask): void {
    if (task.hold) this.holder[thread] = task.req;
    else this.busy[thread] = true;
  }
}

class OneThread extends ThreadQueues {
  constructor() {
    super(1);
  }
}

class PerRequest extends ThreadQueues {
  private readonly owner = new Map<number, number>();
  private readonly free: number[];

  constructor(threads: number) {
    super(threads);
    this.free = Array.from({ length: threads }, (_, i) => threads - 1 - i);
  }

  protected override route(task: QueuedTask): number {
    let thread = this.owner.get(task.req);
    if (thread === undefined) {
      thread = this.free.pop();
      // The engine starts one thread per request that can be in flight, so this cannot happen.
      if (thread === undefined) throw new Error('per-request executor: no free thread');
      this.owner.set(task.req, thread);
    }
    return thread;
  }

  override requestDone(req: number): number | undefined {
    const thread = this.owner.get(req);
    if (thread === undefined) return undefined;
    this.owner.delete(req);
    this.free.push(thread);
    return thread;
  }
}

class Pool implements ExecutorQueue {
  private readonly idle: number[];
  private readonly queue: QueuedTask[] = [];

  constructor(threads: number) {
    this.idle = Array.from({ length: threads }, (_, i) => threads - 1 - i);
  }

  submit(task: QueuedTask): number | undefined {
    const thread = this.idle.pop();
    if (thread === undefined) this.queue.push(task);
    return thread;
  }

  next(thread: number): QueuedTask | undefined {
    const task = this.queue.shift();
    if (!task) this.idle.push(thread);
    return task;
  }

  /** A pool's threads are no request's own: no request_finished reaches them. */
  requestDone(): undefined {
    return undefined;
  }

  /** Validation keeps sync middleware (holds) away from a pool. */
  release(): undefined {
    return undefined;
  }
}

/** How many threads the executor needs: per-request starts one per request that can be in flight. */
export function executorThreadCount(executor: Executor, poolThreads: number, maxInFlight: number): number {
  if (executor === 'one-thread') return 1;
  if (executor === 'pool') return poolThreads;
  return maxInFlight;
}

export function createExecutorQueue(executor: Executor, threads: number): ExecutorQueue {
  if (executor === 'one-thread') return new OneThread();
  if (executor === 'pool') return new Pool(threads);
  return new PerRequest(threads);
}

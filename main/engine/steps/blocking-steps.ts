/**
 * Steps that hold the thread they run on: `block`, `cpu`, `db`, and `upstream` through a sync
 * client. The same code runs on the event loop (where holding the thread stalls every request),
 * on an executor thread (after `sync_to_async`) and on a sync worker: only the thread differs,
 * which is the whole point of the timeline.
 */
import { Phase } from '../../../shared/trace.ts';
import { ORM_PYTHON_MS } from '../../../shared/scenario-rules.ts';
import type { BlockStep, CpuStep, DbStep, OffloadableStep, Step, UpstreamStep } from '../../../shared/scenario.ts';
import { spin, SLICE_MS } from '../cpu-work.ts';
import { laneAborted, stopRequested } from '../control.ts';
import { sleepBlocking, type ThreadContext } from '../thread-context.ts';
import { upstreamUrl } from '../upstream/upstream-url.ts';
import { StepError, upstreamError, VIEW_EXCEPTION_STATUS } from './step-error.ts';
import { TOO_MANY_CLIENTS } from '../../../shared/db-connections.ts';
import { POOL_TIMEOUT, POOL_TIMEOUT_S } from '../db/connection-pool.ts';

/**
 * Back from a wait that let go of the interpreter lock (a sleep, a socket, SQLite): before it runs
 * any more Python, CPython's thread takes the lock again (the end of Py_END_ALLOW_THREADS), and
 * waits its turn when another thread holds it. The wait is recorded as the lock's own phase; the
 * lock is handed back at once, as the steps that follow take it themselves when they compute.
 */
function retakeLock(ctx: ThreadContext, req: number): void {
  const { gil } = ctx;
  if (!gil.enabled) return;
  const t0 = ctx.now();
  if (gil.acquire()) ctx.spans.record(req, ctx.lane, Phase.gil, t0, ctx.now());
  gil.release();
}

function runBlock(ctx: ThreadContext, req: number, step: BlockStep): void {
  const t0 = ctx.now();
  sleepBlocking(ctx, step.ms);
  ctx.spans.record(req, ctx.lane, Phase.block, t0, ctx.now());
  retakeLock(ctx, req);
}

function runCpu(ctx: ThreadContext, req: number, step: CpuStep): void {
  computeUnderLock(ctx, req, step.ms, Phase.cpu);
}

/**
 * The server's and Django's own Python around a view (FRAMEWORK_PYTHON_MS): computation under
 * the lock as any, drawn as its own phase, which the real server's probe cannot stamp.
 */
export function runFrameworkPython(ctx: ThreadContext, req: number, ms: number): void {
  computeUnderLock(ctx, req, ms, Phase.framework);
}

/**
 * Computation under the interpreter lock: wait for the lock (its own phase), compute in slices,
 * and let go whenever another thread has waited a whole switch interval.
 */
function computeUnderLock(
  ctx: ThreadContext,
  req: number,
  ms: number,
  phase: typeof Phase.cpu | typeof Phase.framework,
): void {
  const { gil, spans, lane } = ctx;
  const sliceIterations = Math.max(1, Math.round(ctx.iterationsPerMs * SLICE_MS));
  let remaining = Math.round(ctx.iterationsPerMs * ms);
  let waitStart = ctx.now();
  if (gil.acquire()) spans.record(req, lane, Phase.gil, waitStart, ctx.now());
  let segmentStart = ctx.now();
  while (remaining > 0 && !stopRequested(ctx.control) && !laneAborted(ctx.control, lane)) {
    const n = Math.min(sliceIterations, remaining);
    spin(n);
    remaining -= n;
    if (remaining > 0 && gil.dropRequested()) {
      spans.record(req, lane, phase, segmentStart, ctx.now());
      gil.yieldToWaiter();
      waitStart = ctx.now();
      gil.acquire();
      segmentStart = ctx.now();
      spans.record(req, lane, Phase.gil, waitStart, segmentStart);
    }
  }
  spans.record(req, lane, phase, segmentStart, ctx.now());
  gil.release();
}

/**
 * Django's first query on a thread without a connection gets one: from the pool when there is
 * one (borrowPooled), else by opening it, the round trips to the server (the lock let go, as any
 * socket wait), then the server admits it or refuses it.
 */
function connectIfNeeded(ctx: ThreadContext, req: number): void {
  if (!ctx.db.needsOne()) return;
  if (ctx.db.pooled) return borrowPooled(ctx, req);
  const t1 = ctx.now();
  const got = ctx.db.getOne(() => stopRequested(ctx.control));
  if (got.kind !== 'connect') return;
  sleepBlocking(ctx, got.connectMs);
  const admitted = ctx.db.admit();
  ctx.spans.record(req, ctx.lane, Phase.connect, t1, ctx.now());
  retakeLock(ctx, req);
  // An exception in the view: Django answers 500.
  if (!admitted) throw new StepError(TOO_MANY_CLIENTS, VIEW_EXCEPTION_STATUS);
}

/**
 * Borrowing from Django 5.1's pool: the thread waits while every connection is lent (its own
 * phase, `pool-wait`); a place never opened is opened for it (`connect`). One the database
 * refuses is the pool's failure, not the request's: psycopg_pool opens connections in a worker
 * of its own and retries a refused one in the background, so the request goes on waiting, for
 * psycopg_pool's 30 s in all, then fails with PoolTimeout.
 */
function borrowPooled(ctx: ThreadContext, req: number): void {
  const t0 = ctx.now();
  const deadline = performance.now() + POOL_TIMEOUT_S * 1000;
  for (;;) {
    const got = ctx.db.getOne(() => stopRequested(ctx.control), deadline);
    if (got.kind !== 'connect') {
      ctx.spans.record(req, ctx.lane, Phase['pool-wait'], t0, ctx.now());
      retakeLock(ctx, req);
      // An exception in the view: Django answers 500.
      if (got.kind === 'timed-out') throw new StepError(POOL_TIMEOUT, VIEW_EXCEPTION_STATUS);
      return;
    }
    const t1 = ctx.now();
    sleepBlocking(ctx, got.connectMs);
    if (ctx.db.admit()) {
      ctx.spans.record(req, ctx.lane, Phase['pool-wait'], t0, t1);
      ctx.spans.record(req, ctx.lane, Phase.connect, t1, ctx.now());
      retakeLock(ctx, req);
      return;
    }
  }
}

/**
 * A real query on this thread's own connection, then the database server's round trip, then the
 * ORM's Python: computation under the interpreter lock, as any (see ORM_PYTHON_MS).
 */
function runDb(ctx: ThreadContext, req: number, step: DbStep): void {
  connectIfNeeded(ctx, req);
  const t0 = ctx.now();
  try {
    ctx.shop.run(step.query);
  } catch (error) {
    ctx.spans.record(req, ctx.lane, Phase.db, t0, ctx.now());
    // An exception in the view: Django answers 500.
    throw new StepError(`db ${step.query} failed: ${(error as Error).message}`, VIEW_EXCEPTION_STATUS);
  }
  sleepBlocking(ctx, step.ms);
  ctx.spans.record(req, ctx.lane, Phase.db, t0, ctx.now());
  computeUnderLock(ctx, req, ORM_PYTHON_MS[step.query], Phase.cpu);
}

/** `requests.get`: a real HTTP call that parks this thread until the answer (or the timeout). */
function runUpstreamBlocking(ctx: ThreadContext, req: number, step: UpstreamStep): void {
  const t0 = ctx.now();
  const result = ctx.syncHttp.get(upstreamUrl(ctx.upstream, step), step.timeoutMs);
  ctx.spans.record(req, ctx.lane, Phase['upstream-block'], t0, ctx.now());
  retakeLock(ctx, req);
  const failure = upstreamError(result);
  if (failure) throw failure;
}

/** Run one thread-holding step here, now. */
export function runBlockingStep(ctx: ThreadContext, req: number, step: OffloadableStep): void {
  switch (step.kind) {
    case 'block':
      return runBlock(ctx, req, step);
    case 'cpu':
      return runCpu(ctx, req, step);
    case 'db':
      return runDb(ctx, req, step);
    case 'upstream':
      return runUpstreamBlocking(ctx, req, step);
  }
}

/**
 * A `def` view's steps, straight through on this thread. Validation keeps await, gather and
 * offload out of sync views, so every step here is one that holds the thread.
 */
export function runSyncView(ctx: ThreadContext, req: number, steps: readonly Step[]): void {
  for (const step of steps) {
    if (step.kind !== 'await' && step.kind !== 'gather' && step.kind !== 'offload') runBlockingStep(ctx, req, step);
  }
}

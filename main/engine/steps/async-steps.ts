/**
 * An `async def` view's steps, on a thread with an event loop: the async server's loop, or a sync
 * worker's one-off loop (`async_to_sync`), where nothing else is waiting to run so `await` frees
 * nothing. Awaits yield the loop; blocking steps hold it; `offload` goes wherever the host says
 * (the executor on the async server, the worker's own thread under WSGI); `gather` starts its
 * children together like `asyncio.gather`.
 */
import { Phase } from '../../../shared/trace.ts';
import type { LeafStep, OffloadStep, Step, UpstreamStep } from '../../../shared/scenario.ts';
import type { ThreadContext } from '../thread-context.ts';
import { runBlockingStep } from './blocking-steps.ts';
import { preciseSleep } from './precise-sleep.ts';
import { StepError, upstreamError } from './step-error.ts';
import { SYNCHRONOUS_ONLY_ERROR } from '../../../shared/synchronous-only.ts';
import type { AsyncHttpClient } from '../upstream/async-http-client.ts';
import { upstreamUrl } from '../upstream/upstream-url.ts';

export interface AsyncRunner {
  ctx: ThreadContext;
  http: AsyncHttpClient;
  /** `await sync_to_async(step)()` (or `asyncio.to_thread`): where offloaded work runs. */
  offload(req: number, offload: OffloadStep): Promise<void>;
  /** `DJANGO_ALLOW_ASYNC_UNSAFE`: the sync ORM may run on the loop instead of raising. */
  allowAsyncUnsafe: boolean;
}

async function awaitUpstream(runner: AsyncRunner, req: number, step: UpstreamStep): Promise<void> {
  const { ctx } = runner;
  const t0 = ctx.now();
  const result = await runner.http.get(upstreamUrl(ctx.upstream, step), step.timeoutMs);
  ctx.spans.record(req, ctx.lane, Phase.upstream, t0, ctx.now());
  const failure = upstreamError(result);
  if (failure) throw failure;
}

/**
 * One step of an `async def` view. Returns a promise only when the step awaits something: a
 * blocking step (`time.sleep`, cpu work, the sync ORM when DJANGO_ALLOW_ASYNC_UNSAFE is set) runs
 * to the end right here, as it holds the loop in Python too, and throws its error synchronously.
 * Without that setting the sync ORM raises SynchronousOnlyOperation at once, as Django does.
 */
function runAsyncStep(runner: AsyncRunner, req: number, step: Step | LeafStep): void | Promise<void> {
  const { ctx } = runner;
  switch (step.kind) {
    case 'await':
      return awaitSleep(runner, req, step.ms);
    case 'upstream':
      if (step.blocking) return runBlockingStep(ctx, req, step);
      return awaitUpstream(runner, req, step);
    case 'offload':
      return awaitOffload(runner, req, step);
    case 'gather':
      return gather(runner, req, step.steps);
    case 'db':
      // Django's ORM checks for a running event loop before it touches the connection.
      if (!runner.allowAsyncUnsafe) throw new StepError(SYNCHRONOUS_ONLY_ERROR);
      return runBlockingStep(ctx, req, step);
    default:
      return runBlockingStep(ctx, req, step);
  }
}

/**
 * `await sync_to_async(step)()`: the awaiting thread records `offload` for the whole await, from
 * the submission to the moment the result is back, also when the offloaded step failed. The
 * executor thread records its own `exec-queue` and the step's span inside that stretch.
 */
async function awaitOffload(runner: AsyncRunner, req: number, step: OffloadStep): Promise<void> {
  const { ctx } = runner;
  const t0 = ctx.now();
  try {
    await runner.offload(req, step);
  } finally {
    ctx.spans.record(req, ctx.lane, Phase.offload, t0, ctx.now());
  }
}

async function awaitSleep(runner: AsyncRunner, req: number, ms: number): Promise<void> {
  const { ctx } = runner;
  const t0 = ctx.now();
  await preciseSleep(ms, ctx.control);
  ctx.spans.record(req, ctx.lane, Phase.await, t0, ctx.now());
}

/**
 * `asyncio.gather`: each child runs until its first await, in order, then they wait together.
 * allSettled, then rethrow: like gather, the view fails, but only after every child ended, so no
 * child keeps recording after the response was written.
 */
async function gather(runner: AsyncRunner, req: number, children: readonly LeafStep[]): Promise<void> {
  const results = await Promise.allSettled(children.map((child) => startStep(runner, req, child)));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}

/** A step's outcome as a promise even when it ran (or failed) synchronously, as a coroutine's would. */
function startStep(runner: AsyncRunner, req: number, step: LeafStep): void | Promise<void> {
  try {
    return runAsyncStep(runner, req, step);
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Run an async view's steps in order. A view that never awaits (no steps, or only blocking ones)
 * finishes synchronously and returns nothing, so the server answers in the same turn of the loop
 * as a plain Node handler would, without a promise hop; errors are thrown. From the first step
 * that awaits, the rest runs asynchronously and the returned promise settles with the view.
 */
export function runAsyncView(runner: AsyncRunner, req: number, steps: readonly Step[]): void | Promise<void> {
  for (let i = 0; i < steps.length; i++) {
    const pending = runAsyncStep(runner, req, steps[i]);
    if (pending) return finishAsync(runner, req, steps, i + 1, pending);
  }
}

async function finishAsync(
  runner: AsyncRunner,
  req: number,
  steps: readonly Step[],
  from: number,
  pending: Promise<void>,
): Promise<void> {
  await pending;
  for (let i = from; i < steps.length; i++) await runAsyncStep(runner, req, steps[i]);
}

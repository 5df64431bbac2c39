/**
 * An `async def` view's steps, on a thread with an event loop: the async server's loop, or a sync
 * worker's one-off loop (`async_to_sync`), where nothing else is waiting to run so `await` frees
 * nothing. Awaits yield the loop; blocking steps hold it; `offload` goes wherever the host says
 * (the executor on the async server, the worker's own thread under WSGI); `gather` starts its
 * children together like `asyncio.gather`.
 */
import { Phase } from '../../../shared/trace.ts';
import type { LeafStep, OffloadableStep, Step, UpstreamStep } from '../../../shared/scenario.ts';
import type { ThreadContext } from '../thread-context.ts';
import { runBlockingStep } from './blocking-steps.ts';
import { preciseSleep } from './precise-sleep.ts';
import { StepError } from './step-error.ts';
import type { AsyncHttpClient } from '../upstream/async-http-client.ts';
import { upstreamUrl } from '../upstream/upstream-url.ts';

export interface AsyncRunner {
  ctx: ThreadContext;
  http: AsyncHttpClient;
  /** `await sync_to_async(step)()`: where offloaded work runs. */
  offload(req: number, step: OffloadableStep): Promise<void>;
}

async function awaitUpstream(runner: AsyncRunner, req: number, step: UpstreamStep): Promise<void> {
  const { ctx } = runner;
  const t0 = ctx.now();
  const result = await runner.http.get(upstreamUrl(ctx.upstream, step), step.timeoutMs);
  ctx.spans.record(req, ctx.lane, Phase.upstream, t0, ctx.now());
  if (result.error !== null) throw new StepError(`upstream: ${result.error}`);
  if (result.status >= 400) throw new StepError(`upstream answered ${result.status}`);
}

export async function runAsyncStep(runner: AsyncRunner, req: number, step: Step | LeafStep): Promise<void> {
  const { ctx } = runner;
  switch (step.kind) {
    case 'await': {
      const t0 = ctx.now();
      await preciseSleep(step.ms, ctx.control);
      ctx.spans.record(req, ctx.lane, Phase.await, t0, ctx.now());
      return;
    }
    case 'upstream':
      if (step.blocking) return runBlockingStep(ctx, req, step);
      return awaitUpstream(runner, req, step);
    case 'offload':
      return runner.offload(req, step.step);
    case 'gather': {
      // allSettled, then rethrow: like gather, the view fails, but only after every child ended,
      // so no child keeps recording after the response was written.
      const results = await Promise.allSettled(step.steps.map((child) => runAsyncStep(runner, req, child)));
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      return;
    }
    default:
      return runBlockingStep(ctx, req, step);
  }
}

/** Run an async view's steps in order. */
export async function runAsyncView(runner: AsyncRunner, req: number, steps: readonly Step[]): Promise<void> {
  for (const step of steps) await runAsyncStep(runner, req, step);
}

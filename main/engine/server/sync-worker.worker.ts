/**
 * One gunicorn sync worker: a process of its own (its own interpreter lock), serving one request
 * at a time. A `def` view runs straight through; an `async def` view runs in a one-off event loop
 * (`async_to_sync`) that holds this worker until the view returns, so `await` frees nothing, and
 * `sync_to_async` inside it comes back to this same thread.
 */
import { Phase } from '../../../shared/trace.ts';
import { clearAbort, laneAborted } from '../control.ts';
import { runBlockingStep, runFrameworkPython, runSyncView } from '../steps/blocking-steps.ts';
import { runAsyncView, type AsyncRunner } from '../steps/async-steps.ts';
import { AsyncHttpClient } from '../upstream/async-http-client.ts';
import { failureOf, type ViewFailure } from '../steps/step-error.ts';
import { post, startReporting, startViewThread, warmUpUpstream } from '../threads/view-thread.ts';
import type { SyncWorkerThreadData, WorkerDone, WorkerRequest } from '../threads/protocol.ts';

const { data, ctx } = await startViewThread<SyncWorkerThreadData>();
const reporter = startReporting(ctx);
const runner: AsyncRunner = {
  ctx,
  http: new AsyncHttpClient(),
  // Under WSGI the worker waits for any offload, wherever it runs: drawn on the worker itself.
  offload: async (req, offload) => runBlockingStep(ctx, req, offload.step),
  // async_to_sync runs the view in an event loop, so Django's check fails here as under ASGI.
  allowAsyncUnsafe: data.allowAsyncUnsafe,
};

data.serverPort.on('message', async (message: WorkerRequest) => {
  const { req } = message;
  // A fresh worker: an abort by the arbiter (--timeout) was for the request before, answered
  // then; it may even have landed after that request ended, just before its Done was read.
  clearAbort(ctx.control, ctx.lane);
  const start = ctx.now();
  ctx.spans.record(req, ctx.lane, Phase.queued, message.accepted, start);
  const endpoint = data.endpoints[message.endpoint];
  let error: ViewFailure | null = null;
  try {
    // gunicorn's parsing, Django's WSGI handler and the response, as Python on this worker; an
    // async view's one-off event loop (async_to_sync) on top.
    if (data.framework) runFrameworkPython(ctx, req, data.framework.wsgi);
    if (endpoint.view === 'async') {
      if (data.framework) runFrameworkPython(ctx, req, data.framework.wsgiAsyncView);
      await runAsyncView(runner, req, endpoint.steps);
    } else runSyncView(ctx, req, endpoint.steps);
  } catch (e) {
    error = failureOf(e);
  }
  ctx.spans.record(req, ctx.lane, Phase.running, start, ctx.now());
  // request_finished runs here, on the thread that served the request: CONN_MAX_AGE decides; a
  // worker the arbiter killed takes its connection with it.
  ctx.db.requestFinished(laneAborted(ctx.control, ctx.lane));
  data.serverPort.postMessage({ type: 'done', req, error } satisfies WorkerDone);
  reporter.maybeFlush();
});

warmUpUpstream(ctx, data.endpoints, runner.http, false).then(() => post({ type: 'ready' }));

/**
 * An executor thread (one of `sync_to_async`'s threads): runs one task at a time, synchronously,
 * holding this thread for its whole length, exactly as a Python thread running sync code does.
 * A task is an offloaded step, or a whole sync view (Django runs `def` views this way under ASGI).
 */
import { Phase } from '../../../shared/trace.ts';
import { runBlockingStep, runFrameworkPython, runSyncView } from '../steps/blocking-steps.ts';
import { failureOf, type ViewFailure } from '../steps/step-error.ts';
import { post, startReporting, startViewThread } from '../threads/view-thread.ts';
import type { ExecutorDone, ExecutorRequestFinished, ExecutorTask, ExecutorThreadData } from '../threads/protocol.ts';

const { data, ctx } = await startViewThread<ExecutorThreadData>();
const reporter = startReporting(ctx);

data.serverPort.on('message', (task: ExecutorTask | ExecutorRequestFinished) => {
  if (task.type === 'request-finished') return ctx.db.requestFinished(task.threadEnds);
  const start = ctx.now();
  ctx.spans.record(task.req, ctx.lane, Phase['exec-queue'], task.submitted, start);
  let error: ViewFailure | null = null;
  try {
    if ('view' in task) {
      // sync_to_async's hop into the view: Django's own Python on this thread first.
      if (data.framework) runFrameworkPython(ctx, task.req, data.framework.asgiSyncView);
      runSyncView(ctx, task.req, task.view);
      ctx.spans.record(task.req, ctx.lane, Phase.running, start, ctx.now());
    } else if ('step' in task) {
      runBlockingStep(ctx, task.req, task.step);
    }
    // A handler hop runs a few lines of framework Python: its cost is the wait recorded above.
  } catch (e) {
    error = failureOf(e);
    if ('view' in task) ctx.spans.record(task.req, ctx.lane, Phase.running, start, ctx.now());
  }
  data.serverPort.postMessage({ type: 'done', task: task.task, error } satisfies ExecutorDone);
  reporter.maybeFlush();
});

post({ type: 'ready' });

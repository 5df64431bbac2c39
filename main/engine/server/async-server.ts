/**
 * uvicorn running Django under ASGI: one event loop thread runs every `async def` view; `def`
 * views and offloads go to the executor (`sync_to_async`). With one thread for the process
 * (Django 3.x), the handler's own hop onto that thread comes first (see handlerHopsQueue).
 */
import { executorGroupOf, handlerHopsQueue, modelsConnections } from '../../../shared/scenario-rules.ts';
import type { Endpoint, OffloadExecutor, Scenario } from '../../../shared/scenario.ts';
import type { Micros } from '../../../shared/trace.ts';
import { Phase } from '../../../shared/trace.ts';
import { ExecutorPool } from '../executor/executor-pool.ts';
import { executorDiscipline } from '../lanes.ts';
import { runAsyncView, type AsyncRunner } from '../steps/async-steps.ts';
import { AsyncHttpClient } from '../upstream/async-http-client.ts';
import type { ThreadContext } from '../thread-context.ts';
import type { ServerThreadData } from '../threads/protocol.ts';
import type { ViewHandler, ViewOutcome } from './view-handler.ts';
import { failureOf } from '../steps/step-error.ts';

/**
 * `inTurn` queues a task on the loop's ready queue (one-turn-each.ts). uvicorn runs each request
 * it reads as a task, and Django's handler awaits before the view (request_started's receivers,
 * on a thread of its own from 4.0): the view starts a turn later, in the order the requests were
 * read, and a loop blocked in views looks at its sockets between one view and the next, serving
 * its connections in turn. (Running each view inside its read served a read batch in the
 * kernel's order: 4 users on one blocked loop waited 300 or 600 ms where uvicorn's all wait 400.)
 * Under Django 3.x the handler's hop onto the one thread is submitted at once, as the task's first
 * step does, and the view follows in turn once the hop is back.
 */
export function createAsyncServer(
  ctx: ThreadContext,
  data: ServerThreadData,
  inTurn: (task: () => void) => void,
): { handle: ViewHandler; http: AsyncHttpClient; answered: (req: number) => void } {
  const scenario: Scenario = data.scenario;
  const pools = executorPools(scenario, data.executors, ctx.now);
  // Sync views, thread-sensitive offloads and the handler's hops: the server's own executor.
  const pool = pools.get('thread-sensitive')!;
  const runner: AsyncRunner = {
    ctx,
    http: new AsyncHttpClient(),
    offload: (req, offload) => pools.get(executorGroupOf(offload, scenario.server))!.offload(req, offload.step),
    allowAsyncUnsafe: scenario.server.allowAsyncUnsafe,
  };
  /**
   * Once the response is written: Django's ASGI handler sends the response, then calls
   * `response.close()` through sync_to_async on the request's thread-sensitive thread, which sends
   * request_finished: the request's connection closes (or goes back to the pool) only after the
   * client has its answer. The request's thread is let go then too; nothing can ask for it in
   * between, as the response is written in the same turn of the loop.
   */
  const answered = (req: number): void => {
    for (const p of pools.values()) p.requestDone(req);
  };
  const runView = (req: number, endpoint: Endpoint): ViewOutcome | Promise<ViewOutcome> => {
    let pending: void | Promise<void>;
    try {
      pending =
        endpoint.view === 'async' ? runAsyncView(runner, req, endpoint.steps) : pool.runView(req, endpoint.steps);
    } catch (error) {
      return failureOf(error);
    }
    if (!pending) return null;
    return pending.then(
      () => null,
      (error: unknown) => failureOf(error),
    );
  };
  /**
   * `await sync_to_async(request_started.send)()`: the executor thread records the wait as queued
   * for the executor; nothing runs there worth a span, and the request is not yet in service.
   */
  const requestStarted = (req: number): Promise<void> => pool.hop(req, 'request_started');
  const threadSensitiveLanes = data.executors.filter((e) => e.group === 'thread-sensitive').map((e) => e.lane);
  /**
   * A sync-only middleware: `sync_to_async(middleware)` takes the request's thread-sensitive
   * thread (queued for it like any task), and the view runs back on the loop through async_to_sync while
   * that thread waits, held: recorded as running on it until the response comes back.
   */
  const throughSyncMiddleware = async (req: number, endpoint: Endpoint): Promise<ViewOutcome> => {
    const t0 = ctx.now();
    const thread = await pool.hold(req);
    const held = ctx.now();
    // Waiting for the thread is queueing for the executor, as a task's wait is (not service).
    ctx.spans.record(req, threadSensitiveLanes[thread], Phase['exec-queue'], t0, held);
    try {
      return await runView(req, endpoint);
    } finally {
      ctx.spans.record(req, threadSensitiveLanes[thread], Phase.running, held, ctx.now());
      pool.release(req);
    }
  };
  const view: ViewHandler = scenario.server.syncMiddleware ? throughSyncMiddleware : runView;
  const nextTurn = () => new Promise<void>((resolve) => inTurn(resolve));
  const handle: ViewHandler = handlerHopsQueue(scenario.server)
    ? (req, endpoint, i, accepted) =>
        requestStarted(req)
          .then(nextTurn)
          .then(() => view(req, endpoint, i, accepted))
    : (req, endpoint, i, accepted) => nextTurn().then(() => view(req, endpoint, i, accepted));
  return { handle, http: runner.http, answered };
}

/**
 * One ExecutorPool per executor the lanes plan gave threads to (see lanes.ts), each with its
 * discipline from there.
 * The thread-sensitive entry always exists (empty when nothing uses it), so sync views and hops
 * have somewhere to go.
 */
function executorPools(
  scenario: Scenario,
  executors: ServerThreadData['executors'],
  now: () => Micros,
): Map<OffloadExecutor, ExecutorPool> {
  const pools = new Map<OffloadExecutor, ExecutorPool>();
  const closes = modelsConnections(scenario.server);
  for (const group of new Set<OffloadExecutor>(['thread-sensitive', ...executors.map((e) => e.group)])) {
    const ports = executors.filter((e) => e.group === group).map((e) => e.port);
    pools.set(group, new ExecutorPool(executorDiscipline(group, scenario.server), ports, now, closes));
  }
  return pools;
}

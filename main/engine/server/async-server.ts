/**
 * uvicorn running Django under ASGI: one event loop thread runs every `async def` view; `def`
 * views and offloads go to the executor (`sync_to_async`).
 */
import type { Endpoint, Scenario } from '../../../shared/scenario.ts';
import { ExecutorPool } from '../executor/executor-pool.ts';
import { runAsyncView, type AsyncRunner } from '../steps/async-steps.ts';
import { AsyncHttpClient } from '../upstream/async-http-client.ts';
import type { ThreadContext } from '../thread-context.ts';
import type { ServerThreadData } from '../threads/protocol.ts';
import type { ViewHandler } from './view-handler.ts';

export function createAsyncServer(
  ctx: ThreadContext,
  data: ServerThreadData,
): { handle: ViewHandler; http: AsyncHttpClient } {
  const scenario: Scenario = data.scenario;
  const pool = new ExecutorPool(
    scenario.server.executor,
    data.executors.map((e) => e.port),
    ctx.now,
  );
  const runner: AsyncRunner = { ctx, http: new AsyncHttpClient(), offload: (req, step) => pool.offload(req, step) };
  const handle: ViewHandler = async (req: number, endpoint: Endpoint) => {
    try {
      if (endpoint.view === 'async') await runAsyncView(runner, req, endpoint.steps);
      else await pool.runView(req, endpoint.steps);
      return null;
    } catch (error) {
      return (error as Error).message;
    } finally {
      pool.requestDone(req);
    }
  };
  return { handle, http: runner.http };
}

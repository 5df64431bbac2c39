/**
 * The scenarios the connection tests run on the model and on real Django alike: two queries a
 * request, 5 ms to connect, under ASGI (two `aget`s) or on two sync workers (a `def` view).
 */
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { ofPhase, type Collected } from './run-and-collect.ts';

export const db = (ms: number) => ({ kind: 'db', query: 'product-get', ms }) as const;
const load = (concurrency: number, count: number) =>
  ({ model: 'closed', concurrency, end: { kind: 'requests', count } }) as const;

/** Two `aget`s in an async view: both on the request's thread-sensitive thread. */
export function asgi(server: Record<string, unknown>, count = 12): ScenarioInput {
  return {
    server: { model: 'async', django: '5.2', dbConnectMs: 5, ...server },
    endpoints: [
      {
        name: 'two-queries',
        view: 'async',
        steps: [
          { kind: 'offload', step: db(2) },
          { kind: 'offload', step: db(2) },
        ],
      },
    ],
    load: load(4, count),
    seed: 1,
  };
}

export function wsgi(persistentConnections: boolean): ScenarioInput {
  return {
    server: { model: 'sync-workers', workers: 2, dbConnectMs: 5, persistentConnections },
    endpoints: [{ name: 'two-queries', view: 'sync', steps: [db(2), db(2)] }],
    load: load(4, 12),
    seed: 1,
  };
}

/**
 * A pool of 4 against a database that allows 2 connections: one 10 ms `aget` a request, four
 * users, eight requests.
 */
export function poolPastTheLimit(): ScenarioInput {
  const input = asgi({ dbPool: 4, dbMaxConnections: 2 }, 8);
  input.endpoints[0].steps = [{ kind: 'offload', step: db(10) }];
  return input;
}

/**
 * Each request's loan of a pooled connection, from the end of its wait for one to its response
 * written: Django gives the connection back in `response.close()`, after the response, so no two
 * loans counted this way can overlap beyond the pool's size.
 */
export const lentUntilAnswered = (c: Collected) =>
  ofPhase(c, 'pool-wait').map((w) => ({ start: w.end, end: c.requests.find((r) => r.id === w.req)!.responded! }));

/** How many connections each request opened, in request order. */
export const connectsPerRequest = (c: Collected) =>
  c.requests.map((r) => ofPhase(c, 'connect').filter((s) => s.req === r.id).length);

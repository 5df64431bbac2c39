/**
 * Django's database connections as the model runs them (main/engine/db/connection.ts) and the
 * words both sides of a comparison use for them. Connections belong to a thread; where that
 * thread lives decides how many a run opens (see opensConnectionPerRequest in
 * bounds/one-request.ts).
 */
import { hasEventLoop } from './scenario-rules.ts';
import type { Endpoint, Scenario, Step } from './scenario.ts';

/** PostgreSQL's answer to one connection too many, as Django raises it from psycopg. */
export const TOO_MANY_CLIENTS = 'OperationalError: connection failed: FATAL:  sorry, too many clients already';

/** Did this error reason come from the database refusing a connection? */
export function isTooManyClients(reason: string | null | undefined): boolean {
  return reason?.includes('too many clients') ?? false;
}

/** Why a run opened the connections it did, in one clause, from the server's settings. */
export function whyConnections(server: Scenario['server']): string {
  const persistent = server.persistentConnections ?? false;
  if (server.dbPool !== undefined)
    return `the connection pool (Django 5.1, ${server.dbPool} a process) kept each one open and lent it to one request at a time, from its first query to its end; a request that found all lent waited for one`;
  if (!hasEventLoop(server.model))
    return persistent
      ? 'each worker thread kept its connection from one request to the next (CONN_MAX_AGE = None)'
      : 'CONN_MAX_AGE is 0, so each request closed its connection as it finished; CONN_MAX_AGE = None keeps one per worker thread';
  if (server.executor === 'per-request')
    return 'under ASGI (Django 4.0 and later) each request runs its sync work on a thread of its own that ends with the request, taking the connection with it whatever CONN_MAX_AGE says; a connection pool (Django 5.1, PostgreSQL) is the way to reuse them';
  if (server.executor === 'one-thread')
    return persistent
      ? 'every query ran on the one thread-sensitive thread (Django 3.x), which kept its connection'
      : 'every query ran on the one thread-sensitive thread (Django 3.x), whose connection each finished request closed (CONN_MAX_AGE 0) and the next query opened again';
  return 'the pool’s threads keep their connections: no request_finished reaches them to close one';
}

/** Does any view run a query (itself, offloaded, or gathered)? */
export function queriesDatabase(endpoints: readonly Endpoint[]): boolean {
  const queries = (step: Step): boolean =>
    step.kind === 'db' ||
    (step.kind === 'offload' && step.step.kind === 'db') ||
    (step.kind === 'gather' && step.steps.some(queries));
  return endpoints.some((e) => e.steps.some(queries));
}

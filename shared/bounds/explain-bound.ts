/**
 * The theoretical bound in one plain paragraph: what one request costs, which resource caps
 * throughput and why, and what the chosen load should therefore see. Written for the person
 * who just moved a slider, in the words of the deployment (event loop, sync workers, executor
 * thread, interpreter lock), not of queueing theory.
 */
import { ABORT_AFTER_TIMEOUT_MS, REPLACEMENT_MS } from '../worker-timeout.ts';
import { formatMs, formatPercent, formatRps, plural } from '../analysis/format.ts';
import { serverProcesses, type Scenario } from '../scenario.ts';
import type { LoadExpectation } from './load-model.ts';
import type { EndpointProfile } from './one-request.ts';
import type { BoundResource, ResourceLimit } from './resources.ts';
import { SYNCHRONOUS_ONLY_FIX, syncOrmInAsyncViews } from '../synchronous-only.ts';
import { queriesDatabase } from '../db-connections.ts';

export interface ExplainInput {
  scenario: Scenario;
  minLatencyMs: number;
  profiles: readonly EndpointProfile[];
  limiting: ResourceLimit | null;
  expected: LoadExpectation;
  cores: number;
}

function costSentence({ profiles, minLatencyMs }: ExplainInput): string {
  if (profiles.length === 1) return `Alone, a request takes ${formatMs(minLatencyMs)}.`;
  const each = profiles.map((p) => `${p.name} ${formatMs(p.serviceMs)}`).join(', ');
  return `Alone, a request takes ${formatMs(minLatencyMs)} on average over the mix (${each}).`;
}

function executorWords(scenario: Scenario): string {
  const { executor, poolThreads, model, workers } = scenario.server;
  const each = model === 'async-workers' ? ` in each of the ${workers} uvicorn processes` : '';
  if (executor === 'one-thread')
    return each ? `one executor thread${each}` : 'one executor thread shared by the whole process';
  if (executor === 'pool') return `a pool of ${plural(poolThreads, 'executor thread')}${each}`;
  return 'executor threads, one per request in flight';
}

function capacitySentence(input: ExplainInput): string {
  const { limiting, scenario, cores } = input;
  if (!limiting) {
    return 'Nothing in the server is held while requests wait (awaits free the loop), so the model sets no limit on throughput: only the load does.';
  }
  const d = formatMs(limiting.demandMs);
  const cap = `at most ${formatRps(limiting.capacityRps)}`;
  const texts: Record<BoundResource, () => string> = {
    loop: () =>
      scenario.server.model === 'async-workers'
        ? `Each request keeps its process's event loop busy for ${d} (blocking or CPU work inside async def), and each of the ${plural(limiting.servers, 'loop')} (uvicorn --workers) runs one thing at a time, its share of the connections waiting behind it: ${cap}.`
        : `Each request keeps the one event loop busy for ${d} (blocking or CPU work inside async def), and the loop runs one thing at a time: ${cap}, however many requests are in flight.`,
    workers: () => {
      const awaits = scenario.endpoints.some((e) => e.view === 'async')
        ? ', awaits included (an async view under WSGI frees nothing)'
        : '';
      const { server } = scenario;
      const holders =
        server.model === 'gthread'
          ? `${plural(limiting.servers, 'gthread thread')} (${server.workers} × ${server.threads})`
          : plural(server.workers, 'sync worker');
      return `Each request holds one of the ${holders} for its whole ${d}${awaits}: ${cap}.`;
    },
    executor: () =>
      scenario.server.syncMiddleware
        ? `Behind the sync-only middleware each request holds its thread-sensitive thread for its whole ${d}, awaits included, on ${executorWords(scenario)}: ${cap}.`
        : scenario.server.executor === 'per-request'
          ? `Offloaded and sync work (${d} per request) runs on executor threads, one per request in flight (up to ${limiting.servers}), so no request waits for another's thread: ${cap}, exactly what the load can ask for.`
          : `Offloaded and sync work (${d} per request) runs on ${executorWords(scenario)}: ${cap}.`,
    pool: () =>
      `Work offloaded to the pool (\`thread_sensitive=False\`, ${d} per request) runs on its ${plural(limiting.servers, 'thread')}: ${cap}.`,
    'to-thread': () =>
      `Work sent to \`asyncio.to_thread\` (${d} per request) runs on the event loop's default executor, min(32, CPUs + 4) = ${plural(limiting.servers, 'thread')}: ${cap}.`,
    connections: () =>
      `Each request holds one of the pool's connections (${scenario.server.dbPool} a process${poolLimitWords(scenario, limiting.servers)}) from its first query to its end, ${d}; the others wait for one: ${cap}.`,
    gil: () =>
      scenario.server.model === 'gthread' || scenario.server.model === 'async-workers'
        ? `CPU work (${d} per request) takes turns on each worker process's interpreter lock, however many threads the process runs: ${plural(scenario.server.workers, 'lock')} in all, ${cap}.`
        : `All CPU work of the server process (${d} per request) takes turns on the interpreter lock, however many threads run it: ${cap}.`,
    cores: () =>
      `CPU work (${d} per request) runs in parallel${scenario.server.gil ? ' across worker processes' : ' without the interpreter lock'}, but this machine has ${plural(cores, 'core')}: ${cap}.`,
  };
  return texts[limiting.resource]();
}

function loadSentence(input: ExplainInput): string {
  const { scenario, expected, limiting } = input;
  const { load } = scenario;
  if (load.model === 'closed') {
    const users = `With ${plural(load.concurrency, 'user')}${load.thinkMs > 0 ? ` thinking ${formatMs(load.thinkMs)} between requests` : ''}`;
    const state = expected.saturated ? 'they ask for more than that, so requests queue' : 'the server keeps up';
    if (expected.waves && expected.makespanMs !== null) {
      return `${users} ${state}: the ${plural(expected.requests, 'request')} leave together and finish ${expected.saturated ? 'in waves' : 'together'}, the last after about ${formatMs(expected.makespanMs)} (mean latency ${formatMs(expected.latencyMs)}).`;
    }
    return `${users} ${state}: expect about ${formatRps(expected.throughputRps)} and ${formatMs(expected.latencyMs)} mean latency.`;
  }
  const rate = `Requests arrive at ${formatRps(load.rateRps)}${limiting ? ` (${formatPercent(expected.utilisation)} of what the server can complete)` : ''}`;
  if (expected.overloaded) {
    return `${rate}: more than the server can complete, so they pile up (at most ${load.maxInFlight} in flight) and latency, counted from the intended send, grows by about ${formatMs(expected.latencyGrowthMsPerS)} for every second the run lasts.`;
  }
  const queueing = expected.latencyMs - input.minLatencyMs;
  const bunching =
    load.arrival === 'poisson' && queueing > 0.05 * input.minLatencyMs
      ? ` (${formatMs(queueing)} of it queueing when Poisson arrivals bunch up)`
      : '';
  return `${rate}: the server keeps up; expect about ${formatMs(expected.latencyMs)} mean latency${bunching}.`;
}

/** Which views fail at once with SynchronousOnlyOperation, and the way out; '' when none. */
function synchronousOnlySentence(scenario: Scenario): string {
  const raising = syncOrmInAsyncViews(scenario);
  if (!raising.length) return '';
  const views = raising.map((e) => `\`${e.name}\``).join(', ');
  const which = raising.length === scenario.endpoints.length ? 'every request' : `each request to ${views}`;
  return `${raising.length === 1 ? 'The view' : 'The views'} ${views} ${raising.length === 1 ? 'calls' : 'call'} the sync ORM inside async def: Django raises SynchronousOnlyOperation there before any query, so ${which} fails at once with a 500. ${SYNCHRONOUS_ONLY_FIX}`;
}

/** Who can hold a database connection at once, in words, and how many; null when one thread at most. */
function connectionHolders(scenario: Scenario): { count: number; words: string } | null {
  const { server, load } = scenario;
  if (server.dbPool !== undefined) {
    const processes = serverProcesses(server);
    const each = processes > 1 ? ` in each of the ${processes} processes` : '';
    return { count: server.dbPool * processes, words: `The pool's ${plural(server.dbPool, 'connection')}${each}` };
  }
  if (server.model === 'sync-workers')
    return { count: server.workers, words: `All ${plural(server.workers, 'sync worker')}` };
  if (server.model === 'gthread')
    return {
      count: server.workers * server.threads,
      words: `All ${server.workers} × ${server.threads} gthread threads`,
    };
  if (server.executor === 'pool')
    return { count: server.poolThreads, words: `The pool's ${plural(server.poolThreads, 'thread')}` };
  if (server.executor === 'one-thread') return null;
  return load.model === 'closed'
    ? { count: load.concurrency, words: `With ${plural(load.concurrency, 'user')}, each request's own thread` }
    : { count: load.maxInFlight, words: `Up to ${load.maxInFlight} requests in flight, each on its own thread,` };
}

/** ", of which the database's max_connections lets N open" when the pools want more than the limit. */
function poolLimitWords(scenario: Scenario, open: number): string {
  const { dbPool, dbMaxConnections } = scenario.server;
  if (dbPool === undefined || dbMaxConnections === undefined || open >= dbPool * serverProcesses(scenario.server))
    return '';
  return `, of which the database's max_connections lets ${open} open`;
}

/** When more threads can hold a connection than the database allows: which queries fail. */
function connectionLimitSentence(scenario: Scenario): string {
  const limit = scenario.server.dbMaxConnections;
  const holders = connectionHolders(scenario);
  if (limit === undefined || !queriesDatabase(scenario.endpoints) || !holders || holders.count <= limit) return '';
  if (scenario.server.dbPool !== undefined)
    return `${holders.words} are more than the database's max_connections of ${limit}: ${serverProcesses(scenario.server) > 1 ? 'the pools open' : 'the pool opens'} ${limit}, and the attempts at the others fail in psycopg_pool's own worker threads (it retries them in the background), so no request fails for it; requests wait for the ${limit} that opened.`;
  return `${holders.words} can hold a database connection at once, more than the database's max_connections of ${limit}: a query that asks for one beyond it fails with OperationalError (too many clients already), an HTTP 500.`;
}

/** Under sync workers, when a request takes longer than gunicorn's --timeout: the arbiter kills it. */
function workerTimeoutSentence({ scenario, profiles }: ExplainInput): string {
  const { server } = scenario;
  const limitMs = server.workerTimeoutS * 1000;
  if (server.model !== 'sync-workers' || limitMs === 0 || !profiles.some((p) => p.serviceMs >= limitMs)) return '';
  const which = profiles.every((p) => p.serviceMs >= limitMs)
    ? 'Every request'
    : 'A request to ' +
      profiles
        .filter((p) => p.serviceMs >= limitMs)
        .map((p) => `\`${p.name}\``)
        .join(', ');
  return `${which} takes longer than gunicorn's --timeout (${server.workerTimeoutS} s): the arbiter, which looks once a second, aborts its worker mid-request (WORKER TIMEOUT) up to a second past the timeout (counted as ${formatMs(ABORT_AFTER_TIMEOUT_MS)}), the request fails with an HTTP 500, and the worker is replaced ${formatMs(REPLACEMENT_MS)} later.`;
}

/** The paragraph shown beside the sliders and in the HTML report. */
export function explainBound(input: ExplainInput): string {
  const syncOnly = synchronousOnlySentence(input.scenario);
  const allFail = syncOnly !== '' && syncOrmInAsyncViews(input.scenario).length === input.scenario.endpoints.length;
  const parts = allFail
    ? [syncOnly]
    : [
        syncOnly,
        costSentence(input),
        capacitySentence(input),
        loadSentence(input),
        connectionLimitSentence(input.scenario),
        workerTimeoutSentence(input),
      ];
  return parts.filter(Boolean).join(' ');
}

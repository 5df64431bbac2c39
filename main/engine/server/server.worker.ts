/**
 * The embedded server: an HTTP server on 127.0.0.1 in a thread of its own, so a view that blocks
 * this loop never blocks the app or the load generator. Under the async model this thread IS the
 * event loop every async view runs on; under sync workers it only accepts and hands requests out.
 *
 * Requests name their id and endpoint in headers set by the load generator, so the server's
 * records join the client's without guessing.
 */
import { createServer, type ServerResponse } from 'node:http';
import { Phase, type Micros } from '../../../shared/trace.ts';
import { hasEventLoop } from '../../../shared/scenario-rules.ts';
import { runFrameworkPython } from '../steps/blocking-steps.ts';
import { post, startReporting, startViewThread, warmUpUpstream } from '../threads/view-thread.ts';
import { WARM_UP_PATH, type EngineCommand, type ServerThreadData } from '../threads/protocol.ts';
import { createAsyncServer } from './async-server.ts';
import { createSyncWorkersServer } from './sync-workers-server.ts';
import { closeConnectionsGracefully, connectionClosed } from './graceful-close.ts';
import { sampleLoopDelay } from './loop-delay.ts';
import type { ViewOutcome } from './view-handler.ts';
import { limitConcurrency, SERVICE_UNAVAILABLE } from './limit-concurrency.ts';
import { seededRandom } from '../loadgen/random.ts';
import { AsyncHttpClient } from '../upstream/async-http-client.ts';
import { exerciseHttp } from '../threads/http-exercise.ts';
import { oneTurnEach } from './one-turn-each.ts';

// A spare loop thread serves and calls over HTTP ahead of its run (http-exercise.ts).
const { data, ctx } = await startViewThread<ServerThreadData>(async () => {
  const client = new AsyncHttpClient();
  await exerciseHttp((url) => client.get(url, 10_000));
  await client.close();
});
const isAsync = hasEventLoop(data.scenario.server.model);

let served: number[] = [];
let loopSamples: number[] = [];
const sendRecords = () => {
  if (served.length) {
    const packed = Float64Array.from(served);
    served = [];
    post({ type: 'served', served: packed }, [packed.buffer]);
  }
  if (loopSamples.length) {
    const packed = Float64Array.from(loopSamples);
    loopSamples = [];
    post({ type: 'loop', samples: packed }, [packed.buffer]);
  }
};

/**
 * The loop's ready queue (one-turn-each.ts): each request's view starts there, a view a turn, in
 * the order read (async-server.ts), and so does the loop-delay timer's callback when it is due,
 * behind the views already waiting (asyncio runs a due timer after the turn's reads, before the
 * tasks those reads start, which begin a turn later).
 */
const readyTasks = oneTurnEach();
const asyncServer = isAsync ? createAsyncServer(ctx, data, readyTasks.push) : null;
const { server: serverSettings } = data.scenario;
// gunicorn's sync worker closes every connection after its response (gthread keeps them alive).
const closesEachConnection = serverSettings.model === 'sync-workers';
const handle = asyncServer
  ? asyncServer.handle
  : createSyncWorkersServer(data.workers, {
      control: data.control,
      now: ctx.now,
      random: seededRandom(data.scenario.seed + 2),
      // gthread's heartbeat comes from the process's main loop: a long request does not time it out.
      timeoutS: serverSettings.model === 'sync-workers' ? serverSettings.workerTimeoutS : 0,
      recordClosing: (req, lane, from, to) => ctx.spans.record(req, lane, Phase.closing, from, to),
    });
const stopSampling = isAsync ? sampleLoopDelay(ctx.now, (t, d) => loopSamples.push(t, d), readyTasks.push) : () => {};

/**
 * The loop thread runs Python too: uvicorn's parsing and Django's handler before the view, the
 * response and request_finished after it (data.framework), under the interpreter lock. Its
 * waits for the lock are recorded: if an executor thread is computing, that is up to a switch
 * interval each time, the convoy effect that makes "offload the CPU work to a thread"
 * disappoint. Sync workers only accept here: their views, and Django around them, run in their
 * own processes (sync-worker.worker.ts).
 */
function frameworkPython(req: number, piece: 'asgiRequest' | 'asgiResponse'): void {
  if (isAsync && data.framework) runFrameworkPython(ctx, req, data.framework[piece]);
}

/** A request uvicorn refuses (--limit-concurrency) takes the lock for its few lines of Python, no more. */
function waitForLockTurn(req: number): void {
  if (!isAsync || !ctx.gil.enabled) return;
  const t0 = ctx.now();
  if (ctx.gil.acquire()) ctx.spans.record(req, ctx.lane, Phase.gil, t0, ctx.now());
  ctx.gil.release();
}

/** Each endpoint's answer, made once: the same bytes for every request. */
const okBodies = data.scenario.endpoints.map((e) => `{"ok":true,"endpoint":${JSON.stringify(e.name)}}`);

/**
 * The request's id and endpoint, read from the raw header list: `req.headers` would build an
 * object of every header, lower-cased, for each request (about 1 µs, a few % of a trivial
 * request's cost on this thread).
 */
function interleaveHeaders(raw: string[]): { id: number; endpointIndex: number } {
  let id = NaN;
  let endpointIndex = NaN;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name.length === 16 && name.toLowerCase() === 'x-interleave-req') id = Number(raw[i + 1]);
    else if (name.length === 21 && name.toLowerCase() === 'x-interleave-endpoint') endpointIndex = Number(raw[i + 1]);
  }
  return { id, endpointIndex };
}

/**
 * Warm-up requests (sent before the measured window) take the path a request of the first
 * endpoint takes to its answer, recording nothing and running no view, so the first measured
 * requests do not pay for compiling it: at 5,000 requests/s an unwarmed path stalled the loop
 * for 5–18 ms in the first few hundred ms.
 */
const WARM_UP_ID = -1;

/**
 * Writes the view's answer. "Responded" is when the server wrote the response; the kernel may
 * deliver it before Node's 'finish' event, so it is stamped here, not there.
 */
function respond(res: ServerResponse, id: number, endpointIndex: number, accepted: Micros, error: ViewOutcome): void {
  const recorded = id !== WARM_UP_ID;
  if (recorded && error === SERVICE_UNAVAILABLE) waitForLockTurn(id);
  else if (recorded) frameworkPython(id, 'asgiResponse');
  const body = error ? error.message : okBodies[endpointIndex];
  res.writeHead(error ? error.status : 200, {
    'content-type': error ? 'text/plain' : 'application/json',
    'content-length': Buffer.byteLength(body),
    ...(closesEachConnection ? { connection: 'close' } : {}),
  });
  if (recorded) served.push(id, accepted, ctx.now());
  if (recorded && nagle) res.flushHeaders();
  res.end(body);
  // The run's first answer is sent at once, so the live view draws it as soon as it exists.
  if (recorded && !answered) {
    answered = true;
    return reporter.flush();
  }
  // A loop that blocks in every view (time.sleep) may answer hundreds of requests from one
  // poll of its sockets without its flush timer ever firing: send what it recorded as it goes,
  // so the live view shows each request when it is answered, not all of them at the end.
  reporter.maybeFlush();
}
let answered = false;

/**
 * `uvicorn --workers N` leaves Nagle's algorithm on (uvicorn issue #3149, open in 0.54, Linux):
 * the supervisor binds the shared socket with its protocol unset, and asyncio sets TCP_NODELAY
 * only on sockets that say TCP. h11 writes a response's head and body separately, so the body
 * waits for the client to acknowledge the head, which it delays by ~40 ms: measured on real
 * uvicorn 0.54 here, 43 ms between the view's answer and the client's on every keep-alive
 * request, on one process or four. This server does the same, with TCP's own algorithm.
 */
const nagle = serverSettings.model === 'async-workers';

const server = createServer({ noDelay: !nagle }, (req, res) => {
  const accepted = ctx.now();
  if (req.url === WARM_UP_PATH) {
    interleaveHeaders(req.rawHeaders);
    respond(res, WARM_UP_ID, 0, accepted, null);
    return;
  }
  const { id, endpointIndex } = interleaveHeaders(req.rawHeaders);
  const endpoint = data.scenario.endpoints[endpointIndex];
  if (!Number.isInteger(id) || id < 0 || !endpoint) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('unknown request or endpoint');
    return;
  }
  if (limit.refuses()) {
    waitForLockTurn(id);
    respond(res, id, endpointIndex, accepted, SERVICE_UNAVAILABLE);
    return;
  }
  frameworkPython(id, 'asgiRequest');
  limit.taskStarted();
  let respondedAt = accepted;
  const closing = closesEachConnection
    ? connectionClosed(req.socket).then(() => ({ from: respondedAt, to: ctx.now() }))
    : undefined;
  const answer = (error: ViewOutcome) => {
    limit.taskDone();
    respond(res, id, endpointIndex, accepted, error);
    respondedAt = ctx.now();
    asyncServer?.answered(id);
  };
  const outcome = handle(id, endpoint, endpointIndex, accepted, closing);
  if (outcome instanceof Promise) outcome.then(answer);
  else answer(outcome);
});
const limit = limitConcurrency(server, data.scenario.server.limitConcurrency);
if (closesEachConnection) closeConnectionsGracefully(server);
server.keepAliveTimeout = 60_000;
server.headersTimeout = 0;
server.requestTimeout = 0;

const reporter = startReporting(ctx, sendRecords, (command: EngineCommand) => {
  if (command.type === 'close') {
    stopSampling();
    server.closeAllConnections();
    server.close();
  }
});

// The sync-http thread serves every blocking caller, so warming it once here is enough. Under
// sync workers this thread only accepts: its sync-http port leads nowhere, and a call would wait
// forever.
// `--backlog`: the kernel queues at most this many connections the server has not accepted. A
// loop blocked in a view accepts none, as uvicorn's does; past the queue Linux drops the
// connection's SYN and the client sends it again a second later. (Under gunicorn this thread
// accepts for busy workers too, so its queue never fills; real gunicorn's can.)
warmUpUpstream(ctx, data.scenario.endpoints, asyncServer?.http ?? null, isAsync).then(() =>
  server.listen(0, '127.0.0.1', serverSettings.backlog, () => {
    const address = server.address();
    post({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
  }),
);

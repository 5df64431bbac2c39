/**
 * Start-up shared by every thread that runs view code (the server loop, executor threads, sync
 * workers): build its ThreadContext, and answer the engine's flush and clock requests.
 *
 * Spans leave a thread in batches: on a 50 ms timer when the thread's loop is free, after a task
 * when it has been busy longer than that, and on `flush`. Never a message per span.
 */
import { parentPort } from 'node:worker_threads';
import { clockFrom } from '../clock.ts';
import { InterpreterLock } from '../gil.ts';
import { SpanBuffer } from '../span-buffer.ts';
import { spin } from '../cpu-work.ts';
import { openShop, type ShopConnection } from '../db/shop.ts';
import { ThreadConnection } from '../db/connection.ts';
import { SyncHttpClient } from '../upstream/sync-http-client.ts';
import type { ThreadContext } from '../thread-context.ts';
import type { AsyncHttpClient } from '../upstream/async-http-client.ts';
import { upstreamUrl } from '../upstream/upstream-url.ts';
import type { EngineCommand, ThreadReport, ViewThreadData } from './protocol.ts';
import { isSpareThread, shopFileOfThread, threadData } from './thread-data.ts';
import { callsUpstream } from '../../../shared/scenario-rules.ts';
import type { Endpoint } from '../../../shared/scenario.ts';

const FLUSH_EVERY_MS = 50;
const WARM_UP_ITERATIONS = 50_000;

/** What a view thread does before it needs its run: a spare thread does it while it waits for one. */
interface PreparedThread {
  shopDbFile: string;
  shop: ShopConnection;
}

function prepareViewThread(shopDbFile: string): PreparedThread {
  // Warm the JIT for cpu work now, so the first measured cpu step is not interpreted code.
  // A fixed, small count: until `spin` is optimised it runs ~100× slower, and a hundred
  // executor threads warming up "5 ms" each kept both cores busy for seconds.
  spin(WARM_UP_ITERATIONS);
  const shop = openShop(shopDbFile);
  shop.run('product-get'); // first query pays for preparing statements; not inside the run
  return { shopDbFile, shop };
}

/**
 * A view thread's data and context: its run-independent start-up first (a spare does that before
 * it has a run, and then `spareExercise`, see http-exercise.ts), then its run's data
 * (thread-data.ts), then the context built from both.
 */
export async function startViewThread<T extends ViewThreadData>(
  spareExercise?: () => Promise<void>,
): Promise<{ data: T; ctx: ThreadContext }> {
  const prepared = prepareViewThread(shopFileOfThread());
  if (spareExercise && isSpareThread()) await spareExercise();
  const data = await threadData<T>();
  return { data, ctx: createThreadContext(data, prepared) };
}

function createThreadContext(data: ViewThreadData, prepared: PreparedThread): ThreadContext {
  // The engine gives a spare only to a run on the shop it opened; this keeps that true regardless.
  const { shop } = prepared.shopDbFile === data.shopDbFile ? prepared : prepareViewThread(data.shopDbFile);
  return {
    lane: data.lane,
    now: clockFrom(data.epochMs),
    control: data.control,
    gil: new InterpreterLock(data.gil, data.lane + 1),
    spans: new SpanBuffer(),
    iterationsPerMs: data.iterationsPerMs,
    shop,
    db: new ThreadConnection(data.db, data.process),
    syncHttp: new SyncHttpClient(data.syncHttpPort, data.control),
    upstream: data.upstream,
  };
}

/**
 * One unrecorded call to the upstream through each client this thread will use, before Ready:
 * otherwise the first measured upstream call pays for TCP set-up and a cold HTTP code path.
 * None when no view calls it: on a thread whose client the JIT has not compiled, a call took
 * 12–20 ms of the Ready of a run on spares.
 */
export async function warmUpUpstream(
  ctx: ThreadContext,
  endpoints: readonly Pick<Endpoint, 'steps'>[],
  http: AsyncHttpClient | null,
  sync: boolean,
): Promise<void> {
  if (!callsUpstream(endpoints)) return;
  const url = upstreamUrl(ctx.upstream, { ms: 0, fault: 'none' });
  if (http) await http.get(url, 2_000);
  if (sync) ctx.syncHttp.get(url, 2_000);
}

export function post(report: ThreadReport, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(report, transfer);
}

export interface Reporter {
  /** Send what was recorded if the last send is older than the flush interval. */
  maybeFlush(): void;
  flush(): void;
}

/**
 * Wire the thread to the engine. `extra` sends thread-specific records (served requests, loop
 * samples) along with the spans.
 */
export function startReporting(
  ctx: ThreadContext,
  extra: () => void = () => {},
  onCommand?: (c: EngineCommand) => void,
): Reporter {
  let last = performance.now();
  const flush = () => {
    last = performance.now();
    extra();
    if (ctx.spans.count === 0) return;
    const spans = ctx.spans.take();
    post({ type: 'spans', spans }, [spans.buffer as ArrayBuffer]);
  };
  const timer = setInterval(flush, FLUSH_EVERY_MS);
  parentPort!.on('message', (command: EngineCommand) => {
    if (command.type === 'flush') {
      flush();
      post({ type: 'flushed' });
    } else if (command.type === 'clock') {
      post({ type: 'clock', now: ctx.now() });
    } else if (command.type === 'close') {
      clearInterval(timer);
      ctx.shop.close();
    }
    onCommand?.(command);
  });
  return {
    maybeFlush: () => {
      if (performance.now() - last >= FLUSH_EVERY_MS) flush();
    },
    flush,
  };
}

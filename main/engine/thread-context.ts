/**
 * What a server-side thread needs to run steps: its lane, the shared clock, the control word,
 * its process's interpreter lock, its span buffer, its own SQLite connection, and the way to
 * reach the upstream. Every thread that runs view code (the loop, executor threads, sync
 * workers) builds one of these from its start-up data.
 */
import type { Micros } from '../../shared/trace.ts';
import { blockFor, type ControlWord } from './control.ts';
import type { InterpreterLock } from './gil.ts';
import type { SpanBuffer } from './span-buffer.ts';
import type { ShopConnection } from './db/shop.ts';
import type { ThreadConnection } from './db/connection.ts';
import type { SyncHttpClient } from './upstream/sync-http-client.ts';
import type { UpstreamTarget } from './upstream/upstream-url.ts';

export interface ThreadContext {
  lane: number;
  now: () => Micros;
  control: ControlWord;
  gil: InterpreterLock;
  spans: SpanBuffer;
  /** Iterations of cpu-work.spin per millisecond, calibrated once per run. */
  iterationsPerMs: number;
  shop: ShopConnection;
  /** Django's connection on this thread: opened by its first query, closed by request_finished. */
  db: ThreadConnection;
  syncHttp: SyncHttpClient;
  upstream: UpstreamTarget;
}

/** `time.sleep` on this thread. */
export function sleepBlocking(ctx: ThreadContext, ms: number): void {
  blockFor(ctx.control, ms, ctx.lane);
}

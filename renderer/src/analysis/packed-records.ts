/**
 * A live run's new records on their way to the analysis worker: nine numbers a request and two a
 * loop sample, in transferable buffers, plus the few error messages beside them.
 *
 * Posting the records as objects would structure-clone every field of every request on the main
 * thread, the very thread the worker is there to spare; a packed buffer is written in one loop and
 * moves without a copy. Unlike the engine's own packing (main/engine/record/packed-requests.ts,
 * the client's side only), this carries the whole record: the summary reads every time.
 */
import type { LoopSample, RequestRecord } from '../../../shared/trace.ts';

/** Numbers per request: id, endpoint, intended, sent, accepted, responded, received, status, conn. */
export const REQUEST_STRIDE = 9;
/** Numbers per loop sample: t, delayMs. */
export const LOOP_STRIDE = 2;

export interface PackedRecords {
  requests: Float64Array;
  /** [index of the request in `requests`, its error], for the requests that have one. */
  errors: [number, string][];
  loop: Float64Array;
}

/** Times absent from a record travel as NaN (a Float64Array has no null). */
const orNaN = (v: number | null) => (v === null ? NaN : v);
const orNull = (v: number) => (Number.isNaN(v) ? null : v);

export function packRecords(requests: readonly RequestRecord[], loop: readonly LoopSample[]): PackedRecords {
  const packed = new Float64Array(requests.length * REQUEST_STRIDE);
  const errors: [number, string][] = [];
  for (let i = 0, o = 0; i < requests.length; i++, o += REQUEST_STRIDE) {
    const r = requests[i];
    packed[o] = r.id;
    packed[o + 1] = r.endpoint;
    packed[o + 2] = r.intended;
    packed[o + 3] = r.sent;
    packed[o + 4] = orNaN(r.accepted);
    packed[o + 5] = orNaN(r.responded);
    packed[o + 6] = orNaN(r.received);
    packed[o + 7] = r.status;
    packed[o + 8] = r.conn;
    if (r.error !== null) errors.push([i, r.error]);
  }
  const samples = new Float64Array(loop.length * LOOP_STRIDE);
  for (let i = 0, o = 0; i < loop.length; i++, o += LOOP_STRIDE) {
    samples[o] = loop[i].t;
    samples[o + 1] = loop[i].delayMs;
  }
  return { requests: packed, errors, loop: samples };
}

/** The buffers to transfer with a message carrying `packed` (they are unusable here afterwards). */
export function transferables(packed: PackedRecords): ArrayBuffer[] {
  return [packed.requests.buffer as ArrayBuffer, packed.loop.buffer as ArrayBuffer];
}

/** Appends the records in `packed` to `requests` and `loop`, as the objects they were. */
export function unpackRecordsInto(packed: PackedRecords, requests: RequestRecord[], loop: LoopSample[]): void {
  const first = requests.length;
  const p = packed.requests;
  for (let o = 0; o < p.length; o += REQUEST_STRIDE) {
    requests.push({
      id: p[o],
      endpoint: p[o + 1],
      intended: p[o + 2],
      sent: p[o + 3],
      accepted: orNull(p[o + 4]),
      responded: orNull(p[o + 5]),
      received: orNull(p[o + 6]),
      status: p[o + 7],
      error: null,
      conn: p[o + 8],
    });
  }
  for (const [i, error] of packed.errors) requests[first + i].error = error;
  for (let o = 0; o < packed.loop.length; o += LOOP_STRIDE)
    loop.push({ t: packed.loop[o], delayMs: packed.loop[o + 1] });
}

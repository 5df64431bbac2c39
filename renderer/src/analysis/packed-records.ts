/**
 * A live run's new records on their way to the analysis worker: the requests packed as the
 * engine packs them between its threads (shared/packed-requests.ts), the loop samples two
 * numbers each, in transferable buffers.
 *
 * Posting the records as objects would structure-clone every field of every request on the main
 * thread, the very thread the worker is there to spare; a packed buffer is written in one loop and
 * moves without a copy.
 */
import { packRequests, unpackRequestsInto } from '../../../shared/packed-requests.ts';
import type { LoopSample, RequestRecord } from '../../../shared/trace.ts';

/** Numbers per loop sample: t, delayMs. */
const LOOP_STRIDE = 2;

export interface PackedRecords {
  requests: Float64Array;
  /** [index of the request in `requests`, its error], for the requests that have one. */
  errors: [number, string][];
  loop: Float64Array;
}

export function packRecords(requests: readonly RequestRecord[], loop: readonly LoopSample[]): PackedRecords {
  const { packed, errors } = packRequests(requests);
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

/** Appends the records in `packed` to `requests` and `loop`, as the objects they were (less their Server-Timing metrics, which no analysis reads). */
export function unpackRecordsInto(packed: PackedRecords, requests: RequestRecord[], loop: LoopSample[]): void {
  unpackRequestsInto({ packed: packed.requests, errors: packed.errors }, requests);
  for (let o = 0; o < packed.loop.length; o += LOOP_STRIDE)
    loop.push({ t: packed.loop[o], delayMs: packed.loop[o + 1] });
}

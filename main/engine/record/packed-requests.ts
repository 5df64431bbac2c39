/**
 * The client's records on their way from the load generator to the engine: seven numbers a
 * request in one transferable buffer, like spans, plus the few error messages beside it.
 *
 * Posting the records as objects made the structured clone the largest cost of recording,
 * about 1.2 µs a request (bench/benchmarks/recording-cost.ts); a packed buffer moves in one
 * copy. Only the client's side travels here: `accepted` and `responded` come from the server.
 */
import type { RequestRecord } from '../../../shared/trace.ts';

/** Numbers per request: id, endpoint, intended, sent, received (NaN when none), status, conn. */
export const REQUEST_STRIDE = 7;

export interface PackedRequests {
  packed: Float64Array;
  /** [index of the request in `packed`, its error], for the requests that have one. */
  errors: [number, string][];
}

export function packRequests(records: readonly RequestRecord[]): PackedRequests {
  const packed = new Float64Array(records.length * REQUEST_STRIDE);
  const errors: [number, string][] = [];
  records.forEach((r, i) => {
    const o = i * REQUEST_STRIDE;
    packed[o] = r.id;
    packed[o + 1] = r.endpoint;
    packed[o + 2] = r.intended;
    packed[o + 3] = r.sent;
    packed[o + 4] = r.received ?? NaN;
    packed[o + 5] = r.status;
    packed[o + 6] = r.conn;
    if (r.error !== null) errors.push([i, r.error]);
  });
  return { packed, errors };
}

export function unpackRequests({ packed, errors }: PackedRequests): RequestRecord[] {
  const records = new Array<RequestRecord>(packed.length / REQUEST_STRIDE);
  for (let i = 0, o = 0; o < packed.length; i++, o += REQUEST_STRIDE) {
    const received = packed[o + 4];
    records[i] = {
      id: packed[o],
      endpoint: packed[o + 1],
      intended: packed[o + 2],
      sent: packed[o + 3],
      accepted: null,
      responded: null,
      received: Number.isNaN(received) ? null : received,
      status: packed[o + 5],
      error: null,
      conn: packed[o + 6],
    };
  }
  for (const [i, error] of errors) records[i].error = error;
  return records;
}

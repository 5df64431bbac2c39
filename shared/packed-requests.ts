/**
 * Request records between threads: fifteen numbers a request in one transferable buffer, like
 * spans, plus the few error messages and Server-Timing metrics beside it. The load generator
 * sends its records to the engine this way (`accepted` and `responded` still empty: the server's
 * side joins them there), and the renderer sends a live run's records to its analysis worker.
 *
 * Posting the records as objects made the structured clone the largest cost of recording,
 * about 1.2 µs a request (bench/benchmarks/recording-cost.ts); a packed buffer moves in one copy.
 */
import type { ServerTimingMetric } from './server-timing.ts';
import type { RequestRecord } from './trace.ts';

/**
 * Numbers per request: id, endpoint, intended, sent, accepted, responded, received, status, conn,
 * then the client's instants connectStart, connectEnd, tlsEnd, requestStart, requestEnd, firstByte.
 */
export const REQUEST_STRIDE = 15;

export interface PackedRequests {
  packed: Float64Array;
  /** [index of the request in `packed`, its error], for the requests that have one. */
  errors: [number, string][];
  /** [index, metrics kept, metrics dropped], for the requests whose response had Server-Timing metrics. */
  serverTiming?: [number, ServerTimingMetric[], number][];
}

/** Times absent from a record travel as NaN (a Float64Array has no null). */
const orNaN = (v: number | null) => (v === null ? NaN : v);
const orNull = (v: number) => (Number.isNaN(v) ? null : v);

export function packRequests(records: readonly RequestRecord[]): PackedRequests {
  const packed = new Float64Array(records.length * REQUEST_STRIDE);
  const errors: [number, string][] = [];
  let serverTiming: [number, ServerTimingMetric[], number][] | undefined;
  for (let i = 0, o = 0; i < records.length; i++, o += REQUEST_STRIDE) {
    const r = records[i];
    packed[o] = r.id;
    packed[o + 1] = r.endpoint;
    packed[o + 2] = r.intended;
    packed[o + 3] = r.sent;
    packed[o + 4] = orNaN(r.accepted);
    packed[o + 5] = orNaN(r.responded);
    packed[o + 6] = orNaN(r.received);
    packed[o + 7] = r.status;
    packed[o + 8] = r.conn;
    packed[o + 9] = r.connectStart ?? NaN;
    packed[o + 10] = r.connectEnd ?? NaN;
    packed[o + 11] = r.tlsEnd ?? NaN;
    packed[o + 12] = r.requestStart ?? NaN;
    packed[o + 13] = r.requestEnd ?? NaN;
    packed[o + 14] = r.firstByte ?? NaN;
    if (r.error !== null) errors.push([i, r.error]);
    if (r.serverTiming !== undefined) (serverTiming ??= []).push([i, r.serverTiming, r.serverTimingDropped ?? 0]);
  }
  return serverTiming ? { packed, errors, serverTiming } : { packed, errors };
}

/** Appends the packed requests to `out`, as the objects they were. */
export function unpackRequestsInto({ packed, errors, serverTiming }: PackedRequests, out: RequestRecord[]): void {
  const first = out.length;
  for (let o = 0; o < packed.length; o += REQUEST_STRIDE) {
    const r: RequestRecord = {
      id: packed[o],
      endpoint: packed[o + 1],
      intended: packed[o + 2],
      sent: packed[o + 3],
      accepted: orNull(packed[o + 4]),
      responded: orNull(packed[o + 5]),
      received: orNull(packed[o + 6]),
      status: packed[o + 7],
      error: null,
      conn: packed[o + 8],
    };
    // Absent instants stay absent (not null): a record reads the same before and after the trip.
    if (!Number.isNaN(packed[o + 9])) r.connectStart = packed[o + 9];
    if (!Number.isNaN(packed[o + 10])) r.connectEnd = packed[o + 10];
    if (!Number.isNaN(packed[o + 11])) r.tlsEnd = packed[o + 11];
    if (!Number.isNaN(packed[o + 12])) r.requestStart = packed[o + 12];
    if (!Number.isNaN(packed[o + 13])) r.requestEnd = packed[o + 13];
    if (!Number.isNaN(packed[o + 14])) r.firstByte = packed[o + 14];
    out.push(r);
  }
  for (const [i, error] of errors) out[first + i].error = error;
  for (const [i, metrics, dropped] of serverTiming ?? []) {
    out[first + i].serverTiming = metrics;
    if (dropped > 0) out[first + i].serverTimingDropped = dropped;
  }
}

export function unpackRequests(packed: PackedRequests): RequestRecord[] {
  const out: RequestRecord[] = [];
  unpackRequestsInto(packed, out);
  return out;
}

/** Test fixture: a request as the load generator now records it, with its client phases and Server-Timing metrics. */
import type { RequestRecord } from '../../../shared/trace.ts';

/** Request `id` on connection lane `conn`: a new https connection for even ids, metrics on every third. */
export function requestWithPhases(id: number, conn: number): RequestRecord {
  const t0 = 1_000_000 + id * 10_000.5;
  const r: RequestRecord = {
    id,
    endpoint: 0,
    intended: t0,
    sent: t0 + 0.25,
    accepted: t0 + 400,
    responded: t0 + 53_500,
    received: t0 + 84_000.125,
    status: 200,
    error: null,
    conn,
  };
  if (id % 2 === 0) {
    r.connectStart = t0 + 1;
    r.connectEnd = t0 + 180.5;
    r.tlsEnd = t0 + 300.75;
  }
  r.requestStart = t0 + 310;
  r.requestEnd = t0 + 320.125;
  r.firstByte = t0 + 54_000;
  if (id % 3 === 0)
    r.serverTiming = [
      { name: 'db', dur: 53, desc: 'orders "recent"' },
      { name: 'miss', dur: null, desc: null },
    ];
  if (id === 3) r.serverTimingDropped = 4;
  return r;
}

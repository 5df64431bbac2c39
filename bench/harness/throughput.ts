/** Requests per second from the records themselves, the same way for every client and server. */
import type { RequestRecord } from '../../shared/trace.ts';

/** Answered requests (status < 400) over the span from the first intended send to the last receive. */
export function throughputRps(requests: readonly RequestRecord[]): number {
  let first = Infinity;
  let last = -Infinity;
  let ok = 0;
  for (const r of requests) {
    first = Math.min(first, r.intended);
    if (r.received !== null) last = Math.max(last, r.received);
    if (r.received !== null && r.status > 0 && r.status < 400) ok++;
  }
  return last > first ? (ok * 1e6) / (last - first) : 0;
}

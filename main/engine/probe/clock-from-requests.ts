/**
 * How far a server's clock is from ours, read off the measured requests themselves, for a server
 * Interleave did not start (a URL run): asking a clock route first would send it a request the
 * run did not measure.
 *
 * Each response the probe stamped brackets the offset. The server accepted the request after we
 * began writing it and answered before we read the first byte, so, with offset = server − ours:
 *
 *   responded − firstByte  ≤  offset  ≤  accepted − requestStart
 *
 * Every response's interval holds the true offset, so their intersection does too; its midpoint
 * is wrong by at most half its width (on loopback the request's own overhead, ~0.1–2 ms), which
 * is reported. The offset is fixed from the first batch that has stamped responses: spans already
 * drawn cannot move, and one offset keeps every span of a thread in order.
 */
import type { RequestRecord } from '../../../shared/trace.ts';
import type { ClockOffset } from './clock-offset.ts';

/** A client record and the probe's stamps for it, on the server's clock in ms. */
export interface StampedRequest {
  record: RequestRecord;
  acceptedMs: number;
  respondedMs: number;
}

/**
 * The offset the stamped requests allow, or null when there are none. Intervals that do not
 * meet (clocks that drift, or stamps taken outside the request) fall back to the narrowest one.
 */
export function offsetFromRequests(stamped: readonly StampedRequest[]): ClockOffset | null {
  let low = -Infinity;
  let high = Infinity;
  let narrowest: [number, number] | null = null;
  for (const { record, acceptedMs, respondedMs } of stamped) {
    if (record.received === null) continue;
    const firstByteMs = (record.firstByte ?? record.received) / 1000;
    const requestStartMs = (record.requestStart ?? record.sent) / 1000;
    const interval: [number, number] = [respondedMs - firstByteMs, acceptedMs - requestStartMs];
    if (interval[0] > interval[1]) continue;
    low = Math.max(low, interval[0]);
    high = Math.min(high, interval[1]);
    if (!narrowest || interval[1] - interval[0] < narrowest[1] - narrowest[0]) narrowest = interval;
  }
  if (!narrowest) return null;
  const [from, to] = low <= high ? [low, high] : narrowest;
  return { offsetMs: (from + to) / 2, uncertaintyMs: (to - from) / 2 };
}

/** The offset of one server for a whole run: learnt from the first batch that allows one. */
export class ClockFromRequests {
  private fixed: ClockOffset | null = null;

  /** The run's offset, learning it from `stamped` if it is not known yet. */
  offset(stamped: readonly StampedRequest[]): ClockOffset | null {
    this.fixed ??= offsetFromRequests(stamped);
    return this.fixed;
  }

  /** The offset's error bound, once known. */
  get uncertaintyMs(): number | null {
    return this.fixed?.uncertaintyMs ?? null;
  }
}

/**
 * One monotonic clock for every thread.
 *
 * `performance.timeOrigin + performance.now()` is the process's monotonic clock expressed in
 * milliseconds; every worker thread reads the same underlying clock (its timeOrigin differs, the
 * sum does not), so stamps from different threads are comparable. The engine checks the
 * alignment at start-up (measureClockSkew in threads/start-up.ts) rather than assuming it.
 * Run times are microseconds since the run's epoch, which the engine hands to every thread.
 */
import type { Micros } from '../../shared/trace.ts';

/** Milliseconds on the process-wide monotonic clock. */
export function monotonicMs(): number {
  return performance.timeOrigin + performance.now();
}

/** A clock that reads microseconds since `epochMs`. */
export function clockFrom(epochMs: number): () => Micros {
  const originShift = performance.timeOrigin - epochMs;
  return () => (originShift + performance.now()) * 1000;
}

/**
 * A sweep's chart rows: the measured steps (throughput, p50, p95) and the fitted Universal
 * Scalability Law as a smooth curve sampled at log-spaced users (the axis is log 2), on one users
 * axis.
 */
import { uslThroughput, type UslFit } from '../../../shared/analysis/usl-fit.ts';
import type { SweepStep } from '../../../shared/sweep.ts';

export interface SweepRow {
  users: number;
  rps?: number;
  p50?: number;
  p95?: number;
  usl?: number;
}

/** Curve samples between the first and last users. */
const CURVE_POINTS = 48;

/**
 * Rows sorted by users: one per step with its measured keys (a sweep measures 1 user twice, and
 * both show), and one per curve sample with `usl` only; the lines skip the keys a row lacks.
 */
export function sweepRows(steps: readonly SweepStep[], fit: UslFit | null, users: readonly number[]): SweepRow[] {
  const rows: SweepRow[] = steps.map((s) => ({ users: s.users, rps: s.throughputRps, p50: s.p50Ms, p95: s.p95Ms }));
  if (fit && steps.length > 0) {
    const [lo, hi] = usersDomain(users);
    for (let i = 0; i <= CURVE_POINTS; i++) {
      const n = Number((lo * (hi / lo) ** (i / CURVE_POINTS)).toPrecision(6));
      rows.push({ users: n, usl: uslThroughput(fit, n) });
    }
  }
  // Stable: steps keep the order they ran in, before the curve's sample at the same users.
  return rows.sort((a, b) => a.users - b.users);
}

/** The users axis: the planned steps' range (one decade of room when there is a single step). */
export function usersDomain(users: readonly number[]): [number, number] {
  const lo = Math.max(1, Math.min(...users, Infinity));
  const hi = Math.max(...users, 0);
  if (!Number.isFinite(lo) || hi <= lo) return [1, Math.max(2, hi * 2)];
  return [lo, hi];
}

/** Ticks on the users axis: the planned steps' users (powers of two from `from`, and `to`), once each, ascending. */
export function usersTicks(users: readonly number[]): number[] {
  return users.length > 0 ? [...new Set(users)].sort((a, b) => a - b) : [1, 2];
}

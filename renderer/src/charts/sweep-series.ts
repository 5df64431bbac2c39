/**
 * A sweep's chart rows: the measured steps (throughput, p50, p95) and the fitted Universal
 * Scalability Law as a smooth curve, on one users axis. The curve is sampled at log-spaced users
 * (the axis is log 2), and at every step's users, so the fitted value sits on the step's point.
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

/** Rows sorted by users; measured keys only on the steps, `usl` wherever the fit is drawn. */
export function sweepRows(steps: readonly SweepStep[], fit: UslFit | null, users: readonly number[]): SweepRow[] {
  const rows = new Map<number, SweepRow>();
  const row = (n: number) => rows.get(n) ?? rows.set(n, { users: n }).get(n)!;
  for (const s of steps) Object.assign(row(s.users), { rps: s.throughputRps, p50: s.p50Ms, p95: s.p95Ms });
  if (fit && steps.length > 0) {
    const [lo, hi] = usersDomain(users);
    for (let i = 0; i <= CURVE_POINTS; i++) {
      const n = Number((lo * (hi / lo) ** (i / CURVE_POINTS)).toPrecision(6));
      row(n).usl = uslThroughput(fit, n);
    }
    for (const s of steps) row(s.users).usl = uslThroughput(fit, s.users);
  }
  return [...rows.values()].sort((a, b) => a.users - b.users);
}

/** The users axis: the planned steps' range (one decade of room when there is a single step). */
export function usersDomain(users: readonly number[]): [number, number] {
  const lo = Math.max(1, Math.min(...users, Infinity));
  const hi = Math.max(...users, 0);
  if (!Number.isFinite(lo) || hi <= lo) return [1, Math.max(2, hi * 2)];
  return [lo, hi];
}

/** Ticks on the users axis: the planned steps themselves (powers of two from `from`, and `to`). */
export function usersTicks(users: readonly number[]): number[] {
  return users.length > 0 ? [...users] : [1, 2];
}

/**
 * Measured numbers beside what the model allows: "measured 312 ms p95; the model allows 300 ms:
 * 96% of the bound". The percentage says how close the run came to the model's best case, the
 * same way for every row: 100% means exactly as the model expects; lower means worse than it
 * (slower or fewer requests a second); above 100% means better than the model expects (usually
 * a sign the model over-simplifies, e.g. a scenario ended by duration caught mid-wave).
 */
import type { Bound } from '../bounds.ts';
import type { RunSummary } from '../trace.ts';
import { formatMs, formatPercent, formatRps } from './format.ts';

export interface BoundCheck {
  metric: 'p95' | 'mean' | 'throughput' | 'makespan';
  label: string;
  measured: number;
  bound: number;
  /** Closeness to the bound: bound/measured for times, measured/bound for throughput. */
  ofBound: number;
  sentence: string;
}

function row(
  metric: BoundCheck['metric'],
  label: string,
  measured: number,
  bound: number,
  higherIsBetter: boolean,
): BoundCheck | null {
  if (!(measured > 0) || !(bound > 0) || !Number.isFinite(bound)) return null;
  const ofBound = higherIsBetter ? measured / bound : bound / measured;
  const show = higherIsBetter ? formatRps : formatMs;
  const what = metric === 'throughput' ? '' : ` ${label}`;
  return {
    metric,
    label,
    measured,
    bound,
    ofBound,
    sentence: `measured ${show(measured)}${what}; the model allows ${show(bound)}: ${formatPercent(ofBound)} of the bound`,
  };
}

/** The rows the report and the UI show; metrics the model cannot bound (no requests) are left out. */
export function checkAgainstBound(summary: RunSummary, bound: Bound): BoundCheck[] {
  const rows = [
    row('p95', 'p95', summary.p95Ms, bound.expected.p95LatencyMs, false),
    row('mean', 'mean latency', summary.meanMs, bound.expected.latencyMs, false),
    row('throughput', 'throughput', summary.throughputRps, bound.expected.throughputRps, true),
    bound.expectedMakespanMs !== null
      ? row('makespan', 'makespan', summary.makespanMs, bound.expectedMakespanMs, false)
      : null,
  ];
  return rows.filter((r): r is BoundCheck => r !== null);
}

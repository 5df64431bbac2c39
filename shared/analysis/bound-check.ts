/**
 * Measured numbers beside what the model allows: "measured 312 ms p95; the model allows 300 ms:
 * 4% longer than the bound". The sentence says which side of the bound the run fell on and by
 * how much, in the metric's own terms: a time longer or shorter than the bound, a throughput
 * below or above it. Within half a percent it is "at the bound". Worse than the bound is the
 * usual case (the model is the best case); better usually means the model over-simplifies,
 * e.g. a run ended by duration caught mid-wave.
 */
import type { Bound } from '../bounds.ts';
import type { RunSummary } from '../trace.ts';
import { formatPercent } from './format.ts';
import { formatInUnit, metric, metricValue, type MetricId } from './metrics.ts';

export interface BoundCheck {
  metric: 'p95' | 'mean' | 'throughput' | 'makespan';
  label: string;
  measured: number;
  bound: number;
  /** measured / bound − 1: above 0 the measured number is larger than the bound, below 0 smaller. */
  change: number;
  /** Whether the run did worse than the bound (slower, or fewer requests a second). */
  worse: boolean;
  sentence: string;
}

/** Differences under half a percent read as "at the bound": they would print as 0%. */
const AT_THE_BOUND = 0.005;

/** "4% longer than the bound", "10% below the bound", "at the bound". */
export function sideOfBound(change: number, unit: 'ms' | 'rps'): string {
  if (Math.abs(change) < AT_THE_BOUND) return 'at the bound';
  const [more, less] = unit === 'ms' ? ['longer than', 'shorter than'] : ['above', 'below'];
  return `${formatPercent(Math.abs(change))} ${change > 0 ? more : less} the bound`;
}

function row(id: BoundCheck['metric'], summary: RunSummary, bound: Bound): BoundCheck | null {
  const m = metric(id as MetricId);
  const measured = metricValue(m.id, summary);
  const allowed = m.expected?.(bound) ?? null;
  if (!(measured > 0) || allowed === null || !(allowed > 0) || !Number.isFinite(allowed)) return null;
  const unit = m.unit === 'rps' ? 'rps' : 'ms';
  const change = measured / allowed - 1;
  // Throughput is written without its name ("measured 30 req/s"): the unit says what it is.
  const what = id === 'throughput' ? '' : ` ${m.label.toLowerCase()}`;
  return {
    metric: id,
    label: m.label,
    measured,
    bound: allowed,
    change,
    worse: m.better === 'higher' ? change < 0 : change > 0,
    sentence: `measured ${formatInUnit(m.unit, measured)}${what}; the model allows ${formatInUnit(m.unit, allowed)}: ${sideOfBound(change, unit)}`,
  };
}

/** The rows the report and the UI show; metrics the model cannot bound (no requests) are left out. */
export function checkAgainstBound(summary: RunSummary, bound: Bound): BoundCheck[] {
  const ids: BoundCheck['metric'][] = ['p95', 'mean', 'throughput', 'makespan'];
  return ids.map((id) => row(id, summary, bound)).filter((r): r is BoundCheck => r !== null);
}

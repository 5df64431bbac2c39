/**
 * The run's numbers, defined once: what each is called, its unit, how it is written, which way
 * is better, where it comes from in the summary and what the model expects of it.
 *
 * The summary tiles, the comparison table, both HTML reports and the command line all list
 * metrics from this table and write them with `formatMetric`, so one run reads the same
 * everywhere: the same label, the same number. A surface may leave a metric out; it may not
 * rename or reformat one.
 */
import type { Bound } from '../bounds.ts';
import type { Scenario } from '../scenario.ts';
import type { RunSummary } from '../trace.ts';
import { formatErrorRate, formatMs, formatRps } from './format.ts';
import { hasEventLoop } from '../scenario.ts';

/** Every metric's id. */
export type MetricId =
  | 'requests'
  | 'errors'
  | 'errorRate'
  | 'throughput'
  | 'p50'
  | 'p95'
  | 'p99'
  | 'max'
  | 'mean'
  | 'makespan'
  | 'loopBlock'
  | 'threadsUsed'
  | 'sendLagP99';

/** What a metric's number counts: things, milliseconds, responses a second, or a share of the requests. */
export type MetricUnit = 'count' | 'ms' | 'rps' | 'fraction';

/** One metric of a run's summary. */
export interface Metric {
  id: MetricId;
  /** The one label every surface shows, as a table row or tile heading ("Longest loop block"). */
  label: string;
  unit: MetricUnit;
  /** Which way is better; null where neither is (how many requests, how many threads). */
  better: 'lower' | 'higher' | null;
  /** Where it comes from in the summary. */
  field: keyof RunSummary;
  /** What the theoretical bound expects of it, where the model says (null: the model does not). */
  expected: ((bound: Bound) => number | null) | null;
  /** One sentence for a tooltip or a legend: what the number means. */
  means: string;
}

/** What decides whether a metric means anything for a run: its settings and its loop samples. */
export interface MetricRun {
  scenario: Pick<Scenario, 'server' | 'load'> & Partial<Pick<Scenario, 'target'>>;
  /** Its loop samples, or just how many there are. */
  loop: { readonly length: number };
}

/** The metrics, in the order every table lists them. */
export const METRICS: readonly Metric[] = [
  {
    id: 'requests',
    label: 'Requests',
    unit: 'count',
    better: null,
    field: 'requests',
    expected: (b) => b.expected.requests,
    means: 'requests sent, answered or not',
  },
  {
    id: 'errors',
    label: 'Errors',
    unit: 'count',
    better: 'lower',
    field: 'errors',
    expected: null,
    means: 'requests that got no response or a status of 400 or more',
  },
  {
    id: 'errorRate',
    label: 'Error rate',
    unit: 'fraction',
    better: 'lower',
    field: 'errorRate',
    expected: null,
    means: 'errors as a share of the requests',
  },
  {
    id: 'throughput',
    label: 'Successful throughput',
    unit: 'rps',
    better: 'higher',
    field: 'throughputRps',
    expected: (b) => b.expected.throughputRps,
    means: 'successful responses a second over the makespan',
  },
  {
    id: 'p50',
    label: 'p50',
    unit: 'ms',
    better: 'lower',
    field: 'p50Ms',
    expected: null,
    means: 'median latency, nearest rank',
  },
  {
    id: 'p95',
    label: 'p95',
    unit: 'ms',
    better: 'lower',
    field: 'p95Ms',
    expected: (b) => b.expected.p95LatencyMs,
    means: '95th percentile latency, nearest rank',
  },
  {
    id: 'p99',
    label: 'p99',
    unit: 'ms',
    better: 'lower',
    field: 'p99Ms',
    expected: null,
    means: '99th percentile latency, nearest rank',
  },
  {
    id: 'max',
    label: 'Max latency',
    unit: 'ms',
    better: 'lower',
    field: 'maxMs',
    expected: (b) => b.expected.maxLatencyMs,
    means: 'the slowest completed request',
  },
  {
    id: 'mean',
    label: 'Mean latency',
    unit: 'ms',
    better: 'lower',
    field: 'meanMs',
    expected: (b) => b.expected.latencyMs,
    means: 'mean latency of the completed requests',
  },
  {
    id: 'makespan',
    label: 'Makespan',
    unit: 'ms',
    better: 'lower',
    field: 'makespanMs',
    expected: (b) => b.expectedMakespanMs,
    means: 'from the first intended send to the last response',
  },
  {
    id: 'loopBlock',
    label: 'Longest loop block',
    unit: 'ms',
    better: 'lower',
    field: 'maxLoopBlockMs',
    expected: null,
    means: "the event loop's longest stall: how late its 10 ms timer fired at worst",
  },
  {
    id: 'threadsUsed',
    label: 'Threads used',
    unit: 'count',
    better: null,
    field: 'threadsUsed',
    expected: null,
    means: 'server threads that served at least one request',
  },
  {
    id: 'sendLagP99',
    label: 'Send lag p99',
    unit: 'ms',
    better: 'lower',
    field: 'sendLagP99Ms',
    expected: null,
    means: 'how late the load generator sent, 99th percentile (open load)',
  },
];

const BY_ID = new Map(METRICS.map((m) => [m.id, m]));

/** The metric with this id. */
export function metric(id: MetricId): Metric {
  return BY_ID.get(id)!;
}

/** A metric's value in a summary. */
export function metricValue(id: MetricId, summary: RunSummary): number {
  return summary[metric(id).field];
}

/** A number in a metric's unit, written the one way every surface writes it: "312 ms", "42.5 req/s", "1,000", "4.5%". */
export function formatInUnit(unit: MetricUnit, value: number): string {
  switch (unit) {
    case 'count':
      return value.toLocaleString('en-US');
    case 'ms':
      return formatMs(value);
    case 'rps':
      return formatRps(value);
    case 'fraction':
      return formatErrorRate(value);
  }
}

/** A metric of a summary as every surface writes it. */
export function formatMetric(id: MetricId, summary: RunSummary): string {
  return formatInUnit(metric(id).unit, metricValue(id, summary));
}

/**
 * Whether a metric means anything for a run: the longest loop block only where there is an
 * event loop that was sampled (the async server; sync workers have none), the send lag only
 * under an open load (a closed load sends when the previous answer arrives, never late).
 */
export function metricApplies(id: MetricId, run: MetricRun): boolean {
  if (id === 'loopBlock') return hasEventLoop(run.scenario.server.model) && run.loop.length > 0;
  if (id === 'sendLagP99') return run.scenario.load.model === 'open';
  // Your own server (a URL) or another tool's file: no server threads of ours to count.
  if (id === 'threadsUsed') return run.scenario.target?.kind !== 'url' && run.scenario.target?.kind !== 'imported';
  return true;
}

/** The metrics that mean something for this run, in table order. */
export function metricsFor(run: MetricRun): Metric[] {
  return METRICS.filter((m) => metricApplies(m.id, run));
}

/** What the model expects of a metric, written in its unit; null where the model says nothing. */
export function formatExpected(id: MetricId, bound: Bound): string | null {
  const m = metric(id);
  const value = m.expected?.(bound) ?? null;
  if (value === null || !Number.isFinite(value)) return null;
  return formatInUnit(m.unit, m.unit === 'count' ? Math.round(value) : value);
}

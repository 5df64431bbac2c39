/** The readable summary `interleave run` prints, and the one JSON object it prints with --json. */
import type { Bound } from '../../shared/bounds.ts';
import type { App } from '../app/app.ts';
import type { RunInfo } from '../../shared/run.ts';
import type { Scenario } from '../../shared/scenario.ts';
import type { RunSummary } from '../../shared/trace.ts';
import { describeLoad, describeServer, describeView } from '../../shared/analysis/describe-scenario.ts';
import { plural } from '../../shared/analysis/format.ts';
import { formatMetric, metric, metricApplies, type MetricId } from '../../shared/analysis/metrics.ts';
import { PERCENTILE_METHOD } from '../../shared/analysis/summary.ts';

export function summaryJson(
  info: RunInfo,
  scenario: Scenario,
  summary: RunSummary,
  bound: Bound,
  clockSkewMs: number | null,
) {
  return {
    runId: info.id,
    name: info.name,
    status: info.status,
    error: info.error,
    scenario: scenario.name,
    ...summary,
    percentileMethod: PERCENTILE_METHOD,
    bound: {
      minLatencyMs: bound.minLatencyMs,
      maxThroughputRps: bound.maxThroughputRps,
      bottleneck: bound.bottleneck,
      expectedMakespanMs: bound.expectedMakespanMs,
      cores: bound.cores,
    },
    clockSkewMs,
  };
}

/** Lines of metrics, grouped as a person reads them; each metric with its one label and format. */
const LINES: readonly (readonly MetricId[])[] = [
  ['requests', 'errors', 'errorRate', 'throughput', 'makespan'],
  ['p50', 'p95', 'p99', 'max', 'mean'],
  ['loopBlock', 'threadsUsed', 'sendLagP99'],
];

/** The run in words and numbers; `loop` is its loop samples (or how many), which decide whether it had a loop to block. */
export function summaryText(
  info: RunInfo,
  scenario: Scenario,
  s: RunSummary,
  bound: Bound,
  loop: { readonly length: number },
): string {
  const run = { scenario, loop };
  const measured = LINES.map((ids) =>
    ids
      .filter((id) => metricApplies(id, run))
      .map((id) => `${metric(id).label} ${formatMetric(id, s)}`)
      .join('   '),
  );
  const lines = [
    `${info.name} — run ${info.id} (${info.status}${info.error ? `: ${info.error}` : ''})`,
    `  server    ${describeServer(scenario.server)}`,
    ...scenario.endpoints.map((e) => `  view      ${e.name}: ${describeView(e)}`),
    `  load      ${describeLoad(scenario.load)}`,
    ...measured.map((line) => `  ${line}`),
    `  bound     ${bound.explanation} (On ${plural(bound.cores, 'CPU core')}.)`,
  ];
  return lines.join('\n');
}

/** Loop samples each run has streamed so far, counted from the app's batch events. */
export interface LoopSampleCounter {
  of(runId: number): number;
}

export function loopSampleCounter(app: Pick<App, 'on'>): LoopSampleCounter {
  const counts = new Map<number, number>();
  app.on('run', (e) => {
    if (e.type === 'batch') counts.set(e.runId, (counts.get(e.runId) ?? 0) + e.batch.loop.length);
  });
  return { of: (runId) => counts.get(runId) ?? 0 };
}

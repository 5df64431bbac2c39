/** The readable summary `interleave run` prints, and the one JSON object it prints with --json. */
import type { Bound } from '../../shared/bounds.ts';
import type { App } from '../app/app.ts';
import type { RunInfo } from '../../shared/run.ts';
import type { Scenario, UrlTarget } from '../../shared/scenario.ts';
import { describeUrlRequest, URL_PROBED_NOTE, URL_THREADS_NOTE, urlTargetOf } from '../../shared/url-target.ts';
import type { RunSummary } from '../../shared/trace.ts';
import { describeLoad, describeServer, describeView } from '../../shared/analysis/describe-scenario.ts';
import { plural } from '../../shared/analysis/format.ts';
import { formatMetric, metric, metricApplies, type MetricId } from '../../shared/analysis/metrics.ts';
import { PERCENTILE_METHOD } from '../../shared/analysis/summary.ts';

export function summaryJson(
  info: RunInfo,
  scenario: Scenario,
  summary: RunSummary,
  bound: Bound | null,
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
    // null for a URL run: the model's bound says nothing about your server.
    bound: bound && {
      minLatencyMs: bound.minLatencyMs,
      maxThroughputRps: bound.maxThroughputRps,
      bottleneck: bound.bottleneck,
      expectedMakespanMs: bound.expectedMakespanMs,
      cores: bound.cores,
    },
    clockSkewMs,
  };
}

/** A URL run's requests, one line each (with its share of the mix when there are several). */
export function targetLines(target: UrlTarget): string {
  const total = target.requests.reduce((sum, r) => sum + r.weight, 0);
  return target.requests
    .map((r) => {
      const share = target.requests.length > 1 ? ` (${Math.round((r.weight / total) * 100)}%)` : '';
      return `  target    ${describeUrlRequest(r)}${share}`;
    })
    .join('\n');
}

/** Lines of metrics, grouped as a person reads them; each metric with its one label and format. */
const LINES: readonly (readonly MetricId[])[] = [
  ['requests', 'errors', 'errorRate', 'throughput', 'makespan'],
  ['p50', 'p95', 'p99', 'max', 'mean'],
  ['loopBlock', 'threadsUsed', 'sendLagP99'],
];

/**
 * The run in words and numbers; `loop` is its loop samples (or how many), which decide whether
 * it had a loop to block. `bound` is null for a URL run: the model says nothing about your server.
 */
export function summaryText(
  info: RunInfo,
  scenario: Scenario,
  s: RunSummary,
  bound: Bound | null,
  loop: { readonly length: number },
  /** How many server threads it drew: a URL run has some only when its server carries the probe. */
  serverThreads = 0,
): string {
  const run = { scenario, loop };
  const measured = LINES.map((ids) =>
    ids
      .filter((id) => metricApplies(id, run))
      .map((id) => `${metric(id).label} ${formatMetric(id, s)}`)
      .join('   '),
  ).filter((line) => line !== '');
  const url = urlTargetOf(scenario);
  const server = url
    ? [targetLines(url)]
    : [
        `  server    ${describeServer(scenario.server)}`,
        ...scenario.endpoints.map((e) => `  view      ${e.name}: ${describeView(e)}`),
      ];
  const lines = [
    `${info.name} — run ${info.id} (${info.status}${info.error ? `: ${info.error}` : ''})`,
    ...server,
    `  load      ${describeLoad(scenario.load)}`,
    ...measured.map((line) => `  ${line}`),
    ...(url || !bound
      ? [
          `  threads   ${url && serverThreads ? `${plural(serverThreads, 'thread')}. ${URL_PROBED_NOTE}` : URL_THREADS_NOTE}`,
        ]
      : [`  bound     ${bound.explanation} (On ${plural(bound.cores, 'CPU core')}.)`]),
  ];
  return lines.join('\n');
}

/** Loop samples and server threads each run has streamed so far, counted from the app's batch events. */
export interface BatchCounter {
  of(runId: number): number;
  serverThreads(runId: number): number;
}

export function batchCounter(app: Pick<App, 'on'>): BatchCounter {
  const counts = new Map<number, number>();
  const threads = new Map<number, number>();
  app.on('run', (e) => {
    if (e.type !== 'batch') return;
    counts.set(e.runId, (counts.get(e.runId) ?? 0) + e.batch.loop.length);
    const more = e.batch.lanes.filter((l) => l.kind !== 'client').length;
    threads.set(e.runId, (threads.get(e.runId) ?? 0) + more);
  });
  return { of: (runId) => counts.get(runId) ?? 0, serverThreads: (runId) => threads.get(runId) ?? 0 };
}

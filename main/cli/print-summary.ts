/** The readable summary `interleave run` prints, and the one JSON object it prints with --json. */
import type { Bound } from '../../shared/bounds.ts';
import type { RunInfo } from '../../shared/run.ts';
import type { Scenario, UrlTarget } from '../../shared/scenario.ts';
import { describeUrlRequest, URL_THREADS_NOTE, urlTargetOf } from '../../shared/url-target.ts';
import type { RunSummary } from '../../shared/trace.ts';
import { describeLoad, describeServer, describeView } from '../../shared/analysis/describe-scenario.ts';
import { formatErrorRate, formatMs, formatRps, plural } from '../../shared/analysis/format.ts';
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

export function summaryText(info: RunInfo, scenario: Scenario, s: RunSummary, bound: Bound | null): string {
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
    `  requests  ${s.requests}   errors ${s.errors} (${formatErrorRate(s.errorRate)})   successful ${formatRps(s.throughputRps)}   makespan ${formatMs(s.makespanMs)}`,
    `  latency   p50 ${formatMs(s.p50Ms)}   p95 ${formatMs(s.p95Ms)}   p99 ${formatMs(s.p99Ms)}   max ${formatMs(s.maxMs)}`,
    ...(url || !bound
      ? [`  threads   ${URL_THREADS_NOTE}`]
      : [
          `  loop      longest block ${formatMs(s.maxLoopBlockMs)}`,
          `  threads   ${s.threadsUsed} used`,
          `  bound     ${bound.explanation} (On ${plural(bound.cores, 'CPU core')}.)`,
        ]),
  ];
  return lines.join('\n');
}

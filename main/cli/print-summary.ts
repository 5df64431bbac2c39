/** The readable summary `interleave run` prints, and the one JSON object it prints with --json. */
import type { Bound } from '../../shared/bounds.ts';
import type { RunInfo } from '../../shared/run.ts';
import type { Scenario } from '../../shared/scenario.ts';
import type { RunSummary } from '../../shared/trace.ts';
import { describeLoad, describeServer, describeView } from '../../shared/analysis/describe-scenario.ts';
import { formatErrorRate, formatMs, formatRps, plural } from '../../shared/analysis/format.ts';
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

export function summaryText(info: RunInfo, scenario: Scenario, s: RunSummary, bound: Bound): string {
  const lines = [
    `${info.name} — run ${info.id} (${info.status}${info.error ? `: ${info.error}` : ''})`,
    `  server    ${describeServer(scenario.server)}`,
    ...scenario.endpoints.map((e) => `  view      ${e.name}: ${describeView(e)}`),
    `  load      ${describeLoad(scenario.load)}`,
    `  requests  ${s.requests}   errors ${s.errors} (${formatErrorRate(s.errorRate)})   successful ${formatRps(s.throughputRps)}   makespan ${formatMs(s.makespanMs)}`,
    `  latency   p50 ${formatMs(s.p50Ms)}   p95 ${formatMs(s.p95Ms)}   p99 ${formatMs(s.p99Ms)}   max ${formatMs(s.maxMs)}`,
    `  loop      longest block ${formatMs(s.maxLoopBlockMs)}`,
    `  threads   ${s.threadsUsed} used`,
    `  bound     ${bound.explanation} (On ${plural(bound.cores, 'CPU core')}.)`,
  ];
  return lines.join('\n');
}

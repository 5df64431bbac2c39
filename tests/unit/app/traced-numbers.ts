/**
 * Test helper: every number a sentence prints, and where each may come from.
 *
 * `quantitiesIn` finds the numbers of a text with their units as printed ("1.07 s", "42.5
 * req/s", "96%", "<0.1%", "3.1×", "2 min 5 s", or a bare count like "10"). Names are not
 * numbers: "p95", "#3", "HTTP 500" are skipped. A source is a named value written the way the
 * app writes it (the same formatters), so a number traces to a source when the printed text is
 * the same. `labelledValues` finds a metric's label followed by a number ("longest loop block
 * 1.07 s", "Requests 10"): that number must be the metric's, not merely some traceable value.
 */
import { checkAgainstBound } from '../../../shared/analysis/bound-check.ts';
import { formatMs, formatPercent, formatRps } from '../../../shared/analysis/format.ts';
import { METRICS, formatInUnit, formatMetric, type Metric } from '../../../shared/analysis/metrics.ts';
import type { RunFacts } from '../../../shared/analysis/run-facts.ts';
import type { Bound } from '../../../shared/bounds.ts';
import type { LeafStep, OffloadableStep, Scenario, Step } from '../../../shared/scenario.ts';
import type { RunSummary } from '../../../shared/trace.ts';

/** A named value as printed. */
export interface Source {
  name: string;
  text: string;
}

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
// A number not glued to a word, '#', '.' or a version; then its unit if it has one.
const QUANTITY = new RegExp(
  String.raw`(?<![\w.#/-])(<)?(${NUMBER})(?: min(?: \d+ s)?| (?:ms|s|req/s)(?![\w/])|%|×)?(?![\w.]\d|\w)`,
  'g',
);

/** Every number of `text` as printed, with its unit. */
export function quantitiesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(QUANTITY)) {
    const before = text.slice(Math.max(0, m.index - 7), m.index);
    if (/HTTP $/.test(before)) continue; // a status code names an error, it is not a quantity
    if (/(Django|Python) $/.test(before)) continue; // a version names a release
    out.push(m[0]);
  }
  return out;
}

/** The numbers of `text` that no source prints. */
export function untraced(text: string, sources: readonly Source[]): string[] {
  const known = new Set(sources.map((s) => s.text));
  return quantitiesIn(text).filter((q) => !known.has(q));
}

/**
 * Each metric label in `text` directly followed by a number, with the number printed and the
 * metric's own value: "Requests 10", "longest loop block 1.07 s", "send lag p99: 0.4 ms".
 */
export function labelledValues(text: string, summary: RunSummary): { metric: Metric; printed: string; own: string }[] {
  const out: { metric: Metric; printed: string; own: string }[] = [];
  // Longest labels first, each blanked out once read: "send lag p99 9 ms" is the send lag, not p99.
  let rest = text;
  for (const metric of [...METRICS].sort((a, b) => b.label.length - a.label.length)) {
    const label = metric.label.replace(/[()]/g, '\\$&');
    const after = new RegExp(
      String.raw`(?<!\w)${label}:? ((?:<)?(?:${NUMBER})(?: min(?: \d+ s)?| ms| s| req/s|%)?)`,
      'gi',
    );
    for (const m of rest.matchAll(after)) out.push({ metric, printed: m[1], own: formatMetric(metric.id, summary) });
    rest = rest.replace(new RegExp(String.raw`(?<!\w)${label}(?!\w)`, 'gi'), (l) => '_'.repeat(l.length));
  }
  return out;
}

const count = (name: string, n: number): Source => ({ name, text: n.toLocaleString('en-US') });

/** The summary's metrics, each as every surface writes it. */
export function summarySources(summary: RunSummary): Source[] {
  return METRICS.map((m) => ({ name: `summary.${m.id}`, text: formatMetric(m.id, summary) }));
}

/** What the sentences say beyond the summary (run-facts.ts). */
export function factSources(f: RunFacts): Source[] {
  return [
    ...(f.loopHeldMs === null ? [] : [{ name: 'facts.loopHeldMs', text: formatMs(f.loopHeldMs) }]),
    count('facts.waitedBehindLoop', f.waitedBehindLoop),
    ...f.shares.map((s) => ({ name: `facts.share.${s.id}`, text: formatPercent(s.share) })),
    ...(f.idleShare === null ? [] : [{ name: 'facts.idleShare', text: formatPercent(f.idleShare) }]),
    count('facts.busyAtOnce', f.busyAtOnce),
    ...f.errorKinds.map(([kind, n]) => count(`facts.errorKinds.${kind}`, n)),
    count('facts.connectionsOpened', f.connectionsOpened),
    count('facts.connectionsRefused', f.connectionsRefused),
  ];
}

function stepSources(step: Step | LeafStep | OffloadableStep, at: string): Source[] {
  if (step.kind === 'offload') return stepSources(step.step, `${at}.step`);
  if (step.kind === 'gather') return step.steps.flatMap((s, i) => stepSources(s, `${at}.steps[${i}]`));
  return [{ name: `${at}.ms`, text: formatMs(step.ms) }];
}

/** The scenario's settings, as describe-scenario.ts writes them. */
export function scenarioSources(scenario: Scenario): Source[] {
  const { server, load } = scenario;
  const out: Source[] = [
    count('server.workers', server.workers),
    count('server.poolThreads', server.poolThreads),
    { name: 'server.workerTimeoutS', text: `${server.workerTimeoutS} s` },
    ...(server.dbMaxConnections === undefined ? [] : [count('server.dbMaxConnections', server.dbMaxConnections)]),
    ...(server.dbPool === undefined ? [] : [count('server.dbPool', server.dbPool)]),
    ...scenario.endpoints.flatMap((e, i) => e.steps.flatMap((s, j) => stepSources(s, `endpoints[${i}].steps[${j}]`))),
  ];
  if (load.end.kind === 'requests') out.push(count('load.end.count', load.end.count));
  else out.push({ name: 'load.end.seconds', text: `${load.end.seconds} s` });
  if (load.model === 'closed')
    out.push(count('load.concurrency', load.concurrency), { name: 'load.thinkMs', text: formatMs(load.thinkMs) });
  else out.push({ name: 'load.rateRps', text: formatRps(load.rateRps) }, count('load.maxInFlight', load.maxInFlight));
  return out;
}

/** What the model says (bounds.ts), as explain-bound.ts writes it. */
export function boundSources(bound: Bound): Source[] {
  const e = bound.expected;
  const out: Source[] = [
    { name: 'bound.minLatencyMs', text: formatMs(bound.minLatencyMs) },
    count('bound.cores', bound.cores),
    { name: 'bound.expected.throughputRps', text: formatRps(e.throughputRps) },
    { name: 'bound.expected.latencyMs', text: formatMs(e.latencyMs) },
    { name: 'bound.expected.p95LatencyMs', text: formatMs(e.p95LatencyMs) },
    { name: 'bound.expected.maxLatencyMs', text: formatMs(e.maxLatencyMs) },
    { name: 'bound.expected.utilisation', text: formatPercent(e.utilisation) },
    { name: 'bound.expected.latencyGrowthMsPerS', text: formatMs(e.latencyGrowthMsPerS) },
    { name: 'bound.expected.queueingMs', text: formatMs(e.latencyMs - bound.minLatencyMs) },
    count('bound.expected.requests', e.requests),
    ...(e.makespanMs === null ? [] : [{ name: 'bound.expected.makespanMs', text: formatMs(e.makespanMs) }]),
    ...(bound.maxThroughputRps === null
      ? []
      : [{ name: 'bound.maxThroughputRps', text: formatRps(bound.maxThroughputRps) }]),
    ...bound.endpoints.map((p) => ({ name: `bound.endpoints.${p.name}.serviceMs`, text: formatMs(p.serviceMs) })),
  ];
  for (const r of bound.resources) {
    out.push(
      count(`bound.${r.resource}.servers`, r.servers),
      { name: `bound.${r.resource}.demandMs`, text: formatMs(r.demandMs) },
      { name: `bound.${r.resource}.capacityRps`, text: formatRps(r.capacityRps) },
    );
  }
  return out;
}

/** The bound checks' numbers: the measured metric, what the model allows, and how far apart (recomputed here). */
export function checkSources(summary: RunSummary, bound: Bound): Source[] {
  return checkAgainstBound(summary, bound).flatMap((c) => {
    const unit = c.metric === 'throughput' ? 'rps' : 'ms';
    return [
      { name: `check.${c.metric}.measured`, text: formatInUnit(unit, c.measured) },
      { name: `check.${c.metric}.bound`, text: formatInUnit(unit, c.bound) },
      { name: `check.${c.metric}.apart`, text: formatPercent(Math.abs(c.measured / c.bound - 1)) },
    ];
  });
}

/**
 * The numbers the comparison with What to expect derives (expectation-gap.ts): how far each
 * headline number is from the prediction, and the time per request measured and allowed.
 */
export function gapSources(summary: RunSummary, bound: Bound): Source[] {
  // With failures the comparison is of answers per second, failures included: every request
  // over the makespan.
  const x = summary.errors > 0 ? summary.requests / (summary.makespanMs / 1000) : summary.throughputRps;
  const px = bound.expected.throughputRps;
  const p95 = summary.p95Ms;
  const pp95 = bound.expected.p95LatencyMs;
  return [
    { name: 'gap.answered', text: formatRps(x) },
    { name: 'gap.throughput.apart', text: formatPercent(Math.abs(x / px - 1)) },
    { name: 'gap.p95.apart', text: formatPercent(Math.abs(p95 / pp95 - 1)) },
    { name: 'gap.perRequest.measured', text: formatMs(1000 / x) },
    { name: 'gap.perRequest.allowed', text: formatMs(1000 / px) },
    { name: 'gap.perRequest.rest', text: formatMs(1000 / x - 1000 / px) },
  ];
}

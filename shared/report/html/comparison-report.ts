/**
 * Several runs side by side in one self-contained page: the difference in words, a numbers
 * table with one column per run (measured and what the model allows), each run's settings,
 * and overlaid charts (latency percentiles and throughput over time, each run from its own
 * first request, in its own colour).
 */
import { theoreticalBound } from '../../bounds.ts';
import { assumedCores } from '../../bounds/assumed-cores.ts';
import { comparedRuns, describeComparison } from '../../analysis/compare.ts';
import { describeLoad, describeServer } from '../../analysis/describe-scenario.ts';
import { describeView } from '../../analysis/describe-scenario.ts';
import { formatRps } from '../../analysis/format.ts';
import { formatExpected, formatMetric, METRICS, metricApplies } from '../../analysis/metrics.ts';
import { computeRunSeries } from '../../analysis/series.ts';
import { PERCENTILE_METHOD_WORDS } from '../../analysis/summary.ts';
import { runExtent, timeGrid } from '../../analysis/time-grid.ts';
import { throughputSeries } from '../../analysis/throughput.ts';
import { runColor } from '../../phase-colors.ts';
import type { RunDocument } from '../../run.ts';
import type { Scenario } from '../../scenario.ts';
import { describeUrlRequest, describeUrlTarget, urlTargetOf } from '../../url-target.ts';
import { importedFrom, importedTarget } from '../../imported-run.ts';
import { esc } from './escape.ts';
import { footerHtml, pageHtml, type ReportOptions } from './page.ts';
import { REPORT_POINTS, throughputPoints } from './run-charts.ts';
import { lineChart, type LineSeries } from './svg-chart.ts';

/** The server column: the model's settings, or a URL run's own server. */
function serverWords(scenario: Scenario): string {
  const url = urlTargetOf(scenario);
  return url ? `your own server: ${describeUrlTarget(url)}` : describeServer(scenario.server);
}

/** The views column: the endpoints' views, or a URL run's requests. */
function viewsHtml(scenario: Scenario): string {
  const url = urlTargetOf(scenario);
  if (url) return url.requests.map((r) => `<code>${esc(describeUrlRequest(r))}</code>`).join('<br>');
  return scenario.endpoints.map((e) => `<code>${esc(e.name)}</code> ${esc(describeView(e))}`).join('<br>');
}

/** Several runs compared in one self-contained page. */
export function renderComparisonHtml(docs: RunDocument[], options: ReportOptions = {}): string {
  const runs = comparedRuns(docs);
  // A URL run's server is yours, an imported run has no model: the model predicts nothing ('–').
  const bounds = docs.map((d) =>
    urlTargetOf(d.scenario) || importedTarget(d.scenario)
      ? null
      : theoreticalBound(d.scenario, { cores: assumedCores(d.info.cores, options.cores).cores }),
  );
  const NONE = '–';
  const head = `<tr><th></th>${runs.map((r, i) => `<th class="num"><span class="swatch" style="background:${runColor(i)}"></span> ${esc(r.label)}</th>`).join('')}</tr>`;
  // Every metric any run has, labelled and written as everywhere else; '–' where one does not apply.
  const measured = METRICS.filter((m) => docs.some((d) => metricApplies(m.id, d)))
    .map(
      (m) =>
        `<tr><th scope="row">${esc(m.label)}</th>${runs.map((r, i) => `<td class="num">${esc(metricApplies(m.id, docs[i]) ? formatMetric(m.id, r.summary) : '–')}</td>`).join('')}</tr>`,
    )
    .join('');
  const model = [
    [
      'model: max throughput',
      bounds.map((b) => (!b ? NONE : b.maxThroughputRps === null ? 'unbounded' : formatRps(b.maxThroughputRps))),
    ],
    ['model: expected p95', bounds.map((b) => (b ? (formatExpected('p95', b) ?? NONE) : NONE))],
    ['model: bottleneck', bounds.map((b) => (b ? b.bottleneck : NONE))],
    ['model: CPU cores', bounds.map((b) => (b ? String(b.cores) : NONE))],
  ]
    .map(
      ([name, cells]) =>
        `<tr><th scope="row">${esc(name as string)}</th>${(cells as string[]).map((c) => `<td class="num">${esc(c)}</td>`).join('')}</tr>`,
    )
    .join('');

  const settings = docs
    .map((d, i) => {
      const imported = importedTarget(d.scenario);
      const server = imported ? importedFrom(imported) : serverWords(d.scenario);
      const load = imported
        ? `${d.requests.length.toLocaleString('en-US')} requests on ${d.lanes.length} client lane${d.lanes.length === 1 ? '' : 's'}`
        : describeLoad(d.scenario.load);
      const endpoints = imported
        ? imported.endpoints.map((label) => `<code>${esc(label)}</code>`).join('<br>')
        : viewsHtml(d.scenario);
      return `<tr><th scope="row"><span class="swatch" style="background:${runColor(i)}"></span> ${esc(runs[i].label)}</th><td>${esc(d.info.name)}</td><td>${esc(server)}</td><td>${esc(load)}</td><td>${endpoints}</td></tr>`;
    })
    .join('');

  // Each run on its own clock: milliseconds (or seconds) since its first request.
  const longest = Math.max(0, ...docs.map((d) => runExtent(d).endUs - runExtent(d).startUs));
  const seconds = longest > 5e6;
  const unit = seconds ? 1000 : 1;
  const xLabel = `time since each run's first request (${seconds ? 's' : 'ms'})`;
  const p50: LineSeries[] = [];
  const p95: LineSeries[] = [];
  const throughput: LineSeries[] = [];
  const inFlight: LineSeries[] = [];
  docs.forEach((d, i) => {
    const start = runExtent(d).startUs / 1000;
    const t = (tMs: number) => (tMs - start) / unit;
    const s = computeRunSeries(d, { maxPoints: REPORT_POINTS });
    const name = runs[i].label;
    const color = runColor(i);
    const half = s.percentileGrid.widthUs / 2000;
    p50.push({ name, color, points: s.latency.map((p) => [t(p.tMs + half), p.p50Ms]) });
    p95.push({ name, color, points: s.latency.map((p) => [t(p.tMs + half), p.p95Ms]) });
    inFlight.push({ name, color, points: s.inFlight.map((p) => [t(p.tMs), p.peak]) });
    const grid = timeGrid(runExtent(d), throughputPoints(d.requests.filter((r) => r.received !== null).length));
    throughput.push({
      name,
      color,
      points: throughputSeries(d, grid).map((p) => [t(p.tMs + grid.widthUs / 2000), p.rps]),
    });
  });
  const xDomain: [number, number] = [0, longest / 1000 / unit];
  const charts = [
    lineChart(p95, { title: 'p95 latency over time', xLabel, yLabel: 'latency (ms)', xDomain }),
    lineChart(p50, { title: 'p50 latency over time', xLabel, yLabel: 'latency (ms)', xDomain }),
    lineChart(throughput, { title: 'Throughput', xLabel, yLabel: 'responses per second', xDomain }),
    lineChart(inFlight, { title: 'Requests in flight (peak)', xLabel, yLabel: 'requests', xDomain, integerY: true }),
  ].map((svg) => `<figure>${svg}</figure>`);

  const body = `<header>
<h1>Comparison of ${docs.length} runs</h1>
<p class="sub">${docs.map((d) => esc(d.info.name)).join(' · ')}</p>
</header>
<section id="difference"><h2>The difference</h2><div class="bound"><p>${esc(describeComparison(docs))}.</p></div></section>
<section id="numbers"><h2>Numbers</h2><table><thead>${head}</thead><tbody>${measured}${model}</tbody></table><p class="note">${esc(PERCENTILE_METHOD_WORDS)}</p></section>
<section id="settings"><h2>Settings</h2><table><thead><tr><th>run</th><th>name</th><th>server</th><th>load</th><th>endpoints</th></tr></thead><tbody>${settings}</tbody></table></section>
<section id="charts"><h2>Charts</h2><div class="charts">${charts.join('')}</div></section>
${footerHtml(options)}`;
  return pageHtml(`Comparison of ${docs.length} runs · Interleave`, body);
}

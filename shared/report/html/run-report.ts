/**
 * The HTML report of one run: settings, numbers, the theoretical bound beside the measured
 * values, what the model did in plain words, the lanes timeline and the charts. One string,
 * one self-contained file.
 */
import { theoreticalBound, type Bound } from '../../bounds.ts';
import { assumedCores, describeAssumedCores, type AssumedCores } from '../../bounds/assumed-cores.ts';
import { checkAgainstBound } from '../../analysis/bound-check.ts';
import { modelLabel } from '../../analysis/describe-scenario.ts';
import { runStory } from '../../analysis/run-story.ts';
import { plural } from '../../analysis/format.ts';
import { formatMetric, metricsFor } from '../../analysis/metrics.ts';
import { computeSummary, PERCENTILE_METHOD_WORDS } from '../../analysis/summary.ts';
import { phaseColor } from '../../phase-colors.ts';
import type { RunDocument } from '../../run.ts';
import { PHASES, type PhaseCode, type RunSummary } from '../../trace.ts';
import { esc } from './escape.ts';
import { lanesSvg } from './lanes-svg.ts';
import { endpointLabel, importedTarget } from '../../imported-run.ts';
import { importedEndpointsHtml, importedSourceHtml } from './imported-source.ts';
import { footerHtml, pageHtml, type ReportOptions } from './page.ts';
import { runChartsHtml } from './run-charts.ts';
import { settingsHtml } from './settings-table.ts';
import { urlSettingsHtml, urlTargetHtml } from './url-sections.ts';
import { URL_THREADS_NOTE, urlTargetOf } from '../../url-target.ts';
import { hasEventLoop } from '../../scenario.ts';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Every metric that means something for this run, labelled and written as everywhere else. */
function numbersHtml(s: RunSummary, doc: RunDocument): string {
  const cells = metricsFor(doc).map((m) => [m.label, formatMetric(m.id, s), m.means]);
  return `<dl class="numbers">${cells.map(([k, v, title]) => `<div title="${esc(title)}"><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`;
}

function boundHtml(summary: RunSummary, bound: Bound, cores: AssumedCores): string {
  const checks = checkAgainstBound(summary, bound);
  const list = checks.length
    ? `<ul>${checks.map((c) => `<li>${esc(capitalise(c.sentence))}.</li>`).join('')}</ul>`
    : '';
  return `<div class="bound">${list}<p>${esc(bound.explanation)}</p><p class="note" data-cores="${bound.cores}">${esc(describeAssumedCores(cores))}</p></div>`;
}

function legendHtml(phases: readonly number[]): string {
  return `<ul class="legend">${phases
    .map(
      (code) =>
        `<li><span class="swatch" style="background:${phaseColor(code as PhaseCode)}"></span>${esc(PHASES[code].label)}</li>`,
    )
    .join('')}</ul>`;
}

/** One run as a self-contained HTML page. */
export function renderHtmlReport(doc: RunDocument, options: ReportOptions = {}): string {
  const imported = importedTarget(doc.scenario);
  if (imported) return renderImportedReport(doc, options);
  const summary = computeSummary(doc);
  const cores = assumedCores(doc.info.cores, options.cores);
  const url = urlTargetOf(doc.scenario);
  // Your own server at a URL: the model's bound predicts nothing about it.
  const bound = url ? null : theoreticalBound(doc.scenario, { cores: cores.cores });
  const serverLanes = doc.lanes.some((l) => l.kind !== 'client');
  const endpointByReq = new Map(doc.requests.map((r) => [r.id, endpointLabel(doc.scenario, r.endpoint)]));
  const lanes = lanesSvg(doc, { endpointOf: (req) => endpointByReq.get(req) });
  const { happened, againstExpectation } = runStory(doc, options.cores);
  const story = [...happened, ...againstExpectation];
  const created = Number.isNaN(Date.parse(doc.info.createdAt))
    ? doc.info.createdAt
    : new Date(doc.info.createdAt).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const hidden = lanes.hiddenLanes ? ` ${plural(lanes.hiddenLanes, 'quieter thread')} not shown.` : '';
  const body = `<header>
<h1>${esc(doc.info.name)}</h1>
<p class="sub">${doc.scenario.name !== doc.info.name ? `${esc(doc.scenario.name)} · ` : ''}${esc(modelLabel(doc.scenario))} · ${esc(doc.info.status)} · ${esc(created)} · run #${esc(doc.info.id)}</p>
</header>
<section id="numbers"><h2>Numbers</h2>${numbersHtml(summary, doc)}<p class="note">${esc(PERCENTILE_METHOD_WORDS)}</p></section>
${bound ? `<section id="bound"><h2>Measured against the model</h2>${boundHtml(summary, bound, cores)}</section>` : `<section id="target"><h2>Target</h2>${urlTargetHtml(url!, serverLanes)}</section>`}
<section id="story"><h2>What happened</h2><ul class="story">${story.map((s) => `<li>${esc(s)}</li>`).join('')}</ul></section>
<section id="settings"><h2>Settings</h2>${url ? urlSettingsHtml(doc.scenario, url) : settingsHtml(doc.scenario)}</section>
<section id="lanes"><h2>Threads over time</h2>${
    url && !serverLanes
      ? `<p class="note">${esc(URL_THREADS_NOTE)}</p>`
      : `${lanes.svg}${legendHtml(lanes.phases)}<p class="note">One row per server thread, coloured by what held it; hover a bar for its request. Spans narrower than a pixel are merged.${esc(hidden)} Client connections are not drawn.</p>`
  }</section>
<section id="charts"><h2>Charts</h2><div class="charts">${runChartsHtml(doc, bound, !url && hasEventLoop(doc.scenario.server.model), !url || serverLanes).join('')}</div></section>
${footerHtml(options)}`;
  return pageHtml(`${doc.info.name} · Interleave report`, body);
}

/**
 * A run imported from k6 or a HAR file: its numbers, where it came from and what it cannot show
 * (no bound, no server threads, no story of the execution model), its endpoints and the charts
 * that need only the client's records.
 */
function renderImportedReport(doc: RunDocument, options: ReportOptions): string {
  const target = importedTarget(doc.scenario);
  if (!target) throw new Error('not an imported run');
  const summary = computeSummary(doc);
  const created = Number.isNaN(Date.parse(doc.info.createdAt))
    ? doc.info.createdAt
    : new Date(doc.info.createdAt).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const body = `<header>
<h1>${esc(doc.info.name)}</h1>
<p class="sub">${esc(modelLabel(doc.scenario))} · ${esc(doc.info.status)} · first request ${esc(created)} · run #${esc(doc.info.id)}</p>
</header>
<section id="numbers"><h2>Numbers</h2>${numbersHtml(summary, doc)}<p class="note">${esc(PERCENTILE_METHOD_WORDS)} Latency is the file's own: k6's http_req_duration, a HAR entry's time.</p></section>
<section id="source"><h2>Where it came from</h2>${importedSourceHtml(target)}</section>
<section id="settings"><h2>Endpoints</h2>${importedEndpointsHtml(doc, target)}</section>
<section id="charts"><h2>Charts</h2><div class="charts">${runChartsHtml(doc, null, false, false).join('')}</div></section>
${footerHtml(options, true)}`;
  return pageHtml(`${doc.info.name} · Interleave report`, body);
}

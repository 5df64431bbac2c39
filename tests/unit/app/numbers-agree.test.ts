/**
 * One run, one set of numbers, wherever it is shown. Real runs through the app (a blocked event
 * loop, sync workers, an open load with failures) and the hand-made fixtures are rendered into
 * every surface that lists metrics (the summary tiles, the comparison panel, both HTML reports,
 * the CLI) and every text that talks about the run (the run explanation, the report's bound
 * checks and model paragraph, the CLI's lines). Each metric must carry its one label and its
 * summary value everywhere, and every number in every sentence must trace to a metric, a
 * quantity the sentences compute beyond the summary (run-facts.ts), a setting, or the model.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { explainRun } from '../../../shared/analysis/explain-run.ts';
import { METRICS, formatMetric, metric, metricApplies, type MetricId } from '../../../shared/analysis/metrics.ts';
import { runFacts } from '../../../shared/analysis/run-facts.ts';
import { computeSummary } from '../../../shared/analysis/summary.ts';
import { theoreticalBound } from '../../../shared/bounds.ts';
import { assumedCores } from '../../../shared/bounds/assumed-cores.ts';
import { findPreset } from '../../../shared/presets.ts';
import { renderComparisonHtml, renderHtmlReport } from '../../../shared/report/html.ts';
import type { RunDocument } from '../../../shared/run.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { summaryText } from '../../../main/cli/print-summary.ts';
import { TraceStore } from '../../../renderer/src/state/trace-store.ts';
import { blockedLoopRun, gatherOffloadRun, syncWorkersRun } from '../shared/fixtures.ts';
import { recordRuns } from './recorded-runs.ts';
import {
  boundSources,
  checkSources,
  factSources,
  labelledValues,
  scenarioSources,
  summarySources,
  untraced,
  gapSources,
  type Source,
} from './traced-numbers.ts';

// The panels are .tsx compiled by tsx with React's classic runtime, which needs React in scope,
// and the comparison panel reads its chart colours from CSS: neither matters to the numbers.
Object.assign(globalThis, { React });
Object.assign(globalThis, {
  document: { documentElement: {} },
  getComputedStyle: () => ({ getPropertyValue: () => '' }),
});
// Loaded by a path the Node program does not type-check: the panels are the web program's (DOM, JSX).
const component = async (file: string, name: string) =>
  ((await import(new URL(`../../../renderer/src/panels/${file}`, import.meta.url).href)) as Record<string, unknown>)[
    name
  ] as React.FunctionComponent<Record<string, unknown>>;
const SummaryPanel = await component('summary-panel.tsx', 'SummaryPanel');
const ComparisonPanel = await component('comparison-panel.tsx', 'ComparisonPanel');

const preset = (id: string, load: ScenarioInput['load']): ScenarioInput => ({
  ...(findPreset(id)!.scenario as ScenarioInput),
  load,
});
const closed = (users: number, requests: number) =>
  ({ model: 'closed', concurrency: users, end: { kind: 'requests', count: requests } }) as const;
const REAL: ScenarioInput[] = [
  preset('async-time-sleep', closed(10, 10)),
  preset('sync-workers', closed(10, 10)),
  {
    name: 'Open load with a refused upstream',
    server: { model: 'async', executor: 'per-request' },
    endpoints: [
      {
        name: 'page',
        view: 'async',
        steps: [
          { kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 2 } },
          { kind: 'cpu', ms: 2 },
        ],
      },
      { name: 'pay', view: 'async', weight: 0.5, steps: [{ kind: 'upstream', ms: 0, fault: 'refuse' }] },
    ],
    load: { model: 'open', rateRps: 40, arrival: 'poisson', maxInFlight: 20, end: { kind: 'duration', seconds: 1 } },
  },
  // Several loops, and connections opened and refused: sentences of their own.
  preset('uvicorn-workers', closed(4, 8)),
  preset('too-many-connections', closed(10, 20)),
];

let docs: RunDocument[] = [];
before(async () => {
  docs = [...(await recordRuns(REAL)), blockedLoopRun(), syncWorkersRun(), gatherOffloadRun()];
});

const unTag = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
function section(html: string, id: string): string {
  const m = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html);
  assert.ok(m, `the report has a section "${id}"`);
  return m[1];
}
const boundOf = (doc: RunDocument) =>
  theoreticalBound(doc.scenario, { cores: assumedCores(doc.info.cores, undefined).cores });
/** How a run is named in a failure, with the seed its load used. */
const named = (doc: RunDocument) => `"${doc.info.name}" (seed ${doc.scenario.seed})`;

/** Label → value as one surface shows a run. */
type Shown = Map<string, string>;

function tiles(doc: RunDocument): Shown {
  const store = new TraceStore();
  store.openDocument(doc);
  const html = renderToStaticMarkup(
    React.createElement(SummaryPanel, {
      snapshot: store.snapshot(),
      analysis: { subscribe: () => () => {}, summaryOf: () => null, seriesOf: () => null },
      bound: null,
      onExport() {},
      exportDisabled: true,
    }),
  );
  const shown: Shown = new Map();
  for (const m of html.matchAll(/<dt>([^<]+)<\/dt><dd data-testid="summary-[^"]+">(.*?)<\/dd>/g))
    shown.set(unTag(m[1]), unTag(m[2]));
  return shown;
}

function tableColumn(html: string, cell: RegExp): Shown {
  const shown: Shown = new Map();
  for (const row of html.matchAll(/<tr[^>]*><th scope="row">([^<]+)<\/th>(.*?)<\/tr>/g)) {
    const first = cell.exec(row[2]);
    if (first) shown.set(unTag(row[1]), unTag(first[1]));
  }
  return shown;
}

function comparisonPanel(doc: RunDocument, other: RunDocument): Shown {
  const html = renderToStaticMarkup(
    React.createElement(ComparisonPanel, {
      docs: [doc, other],
      theme: 'light',
      exportDisabled: true,
      onExport() {},
      onClose() {},
    }),
  );
  return tableColumn(html, /<td>(.*?)<\/td>/);
}

function reportNumbers(doc: RunDocument): Shown {
  const shown: Shown = new Map();
  for (const m of section(renderHtmlReport(doc), 'numbers').matchAll(/<dt>([^<]+)<\/dt><dd>([^<]*)<\/dd>/g))
    shown.set(unTag(m[1]), unTag(m[2]));
  return shown;
}

function cliNumbers(doc: RunDocument): Shown {
  const shown: Shown = new Map();
  const text = summaryText(doc.info, doc.scenario, computeSummary(doc), boundOf(doc), doc.loop);
  for (const line of text.split('\n').filter((l) => !/^ {2}(server|view|load|bound) /.test(l) && l.startsWith('  ')))
    for (const pair of line.trim().split(/ {3}/)) {
      const m = METRICS.find((x) => pair.startsWith(`${x.label} `));
      assert.ok(m, `the CLI's "${pair}" starts with a metric's label`);
      shown.set(m.label, pair.slice(m.label.length + 1));
    }
  return shown;
}

/** What a surface must show for a metric: its value, '–' where it does not apply, errors with their rate in a tile. */
function expected(doc: RunDocument, id: MetricId, tile = false): string {
  const s = computeSummary(doc);
  if (!metricApplies(id, doc)) return '–';
  return tile && id === 'errors' ? `${formatMetric(id, s)} (${formatMetric('errorRate', s)})` : formatMetric(id, s);
}

test('every surface shows each metric with its one label and the summary value', () => {
  for (const doc of docs) {
    const other = docs.find((d) => d !== doc)!;
    const surfaces: [string, Shown, boolean][] = [
      ['summary tiles', tiles(doc), true],
      ['comparison panel', comparisonPanel(doc, other), false],
      ['HTML report', reportNumbers(doc), false],
      ['HTML comparison', tableColumn(renderComparisonHtml([doc, other]), /<td class="num">(.*?)<\/td>/), false],
      ['CLI', cliNumbers(doc), false],
    ];
    for (const [where, shown, tile] of surfaces) {
      const metrics = [...shown.keys()].filter((label) => !label.startsWith('model: '));
      assert.ok(metrics.length >= 8, `${where} of ${named(doc)} shows its metrics: ${metrics.join(', ')}`);
      for (const label of metrics) {
        const m = METRICS.find((x) => x.label === label);
        assert.ok(
          m,
          `${where} of ${named(doc)}: "${label}" is a metric's label (${METRICS.map((x) => x.label).join(', ')})`,
        );
        assert.equal(shown.get(label), expected(doc, m.id, tile), `${where} of ${named(doc)}: ${label}`);
      }
    }
  }
});

/** Pieces of text about a run, each with the sources its numbers may come from. */
function texts(doc: RunDocument): { where: string; text: string; sources: Source[]; measured: boolean }[] {
  const summary = computeSummary(doc);
  const bound = boundOf(doc);
  const measured = [...summarySources(summary), ...factSources(runFacts(doc))];
  const model = [...boundSources(bound), ...scenarioSources(doc.scenario)];
  const html = renderHtmlReport(doc);
  const boundSection = section(html, 'bound');
  const cli = summaryText(doc.info, doc.scenario, summary, bound, doc.loop).split('\n').slice(1);
  return [
    // The same sentences as the report's story: they may name a setting (a limit, the processes).
    ...explainRun(doc).map((text) => ({
      where: 'explain-run',
      text,
      sources: [...measured, ...scenarioSources(doc.scenario)],
      measured: true,
    })),
    ...[...section(html, 'story').matchAll(/<li>(.*?)<\/li>/g)].map((m) => ({
      where: 'HTML report, what happened',
      text: unTag(m[1]),
      // The story ends with how the run missed What to expect, when it did (expectation-gap.ts).
      sources: [...measured, ...model, ...gapSources(summary, bound)],
      measured: true,
    })),
    ...[...boundSection.matchAll(/<li>(.*?)<\/li>/g)].map((m) => ({
      where: 'HTML report, measured against the model',
      text: unTag(m[1]),
      sources: [...measured, ...checkSources(summary, bound), ...model],
      measured: true,
    })),
    ...[...boundSection.matchAll(/<p[^>]*>(.*?)<\/p>/g)].map((m) => ({
      where: 'HTML report, the model',
      text: unTag(m[1]),
      sources: model,
      measured: false,
    })),
    ...cli.map((text) => {
      const settings = /^ {2}(server|view|load|bound) /.test(text);
      return { where: 'CLI', text, sources: settings ? model : measured, measured: !settings };
    }),
  ];
}

test('every number in the text about a run traces to a metric, a fact, a setting or the model', () => {
  const failures: string[] = [];
  for (const doc of docs) {
    const summary = computeSummary(doc);
    for (const { where, text, sources, measured } of texts(doc)) {
      const lost = untraced(text, sources);
      if (lost.length) failures.push(`${named(doc)}, ${where}: ${lost.join(', ')} traced to nothing in "${text}"`);
      if (!measured) continue;
      for (const { metric: m, printed, own } of labelledValues(text, summary))
        if (printed !== own) failures.push(`${named(doc)}, ${where}: "${m.label} ${printed}" but the metric is ${own}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('the sentences say the numbers the tiles show: the longest loop block, threads used, errors, send lag', () => {
  const [blocked, , open] = docs;
  const sentences = explainRun(blocked).join(' ');
  // The engine's loop timer stalls for the ten back-to-back sleeps; the sentence says the tile's number.
  assert.ok(
    sentences.includes(`(longest loop block ${formatMetric('loopBlock', computeSummary(blocked))})`),
    sentences,
  );
  assert.ok(
    computeSummary(blocked).maxLoopBlockMs >= 500,
    'ten 100 ms sleeps back to back stall the loop for most of a second',
  );
  const openText = explainRun(open).join(' ');
  const s = computeSummary(open);
  assert.ok(s.errors > 0, `the refused upstream failed some requests (seed ${open.scenario.seed})`);
  assert.ok(openText.includes(`${formatMetric('errors', s)} of ${s.requests} requests failed`), openText);
  assert.ok(openText.includes(`send lag p99 ${formatMetric('sendLagP99', s)}`), openText);
  assert.ok(openText.includes(`${s.threadsUsed} threads served requests`), openText);
  assert.equal(metric('threadsUsed').label, 'Threads used');
});

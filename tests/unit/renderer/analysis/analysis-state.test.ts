import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnalysisState } from '../../../../renderer/src/analysis/analysis-state.ts';
import { packRecords } from '../../../../renderer/src/analysis/packed-records.ts';
import { chartSeries } from '../../../../renderer/src/charts/chart-series.ts';
import { computeSummary } from '../../../../shared/analysis/summary.ts';
import { syntheticRun } from '../synthetic-run.ts';

const wholeRecords = (run: ReturnType<typeof syntheticRun>) => ({
  lanes: [],
  spans: [],
  requests: run.requests,
  loop: run.loop,
});

test('numbers from records appended batch by batch equal the numbers of all records at once', () => {
  const run = syntheticRun(1_000);
  const state = new AnalysisState();
  for (let i = 0; i < run.requests.length; i += 137) {
    const loop = run.loop.filter((_, k) => k % 8 === (i / 137) % 8);
    state.handle({ type: 'append', runId: 1, records: packRecords(run.requests.slice(i, i + 137), loop) });
  }
  const loopInOrder = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((m) => run.loop.filter((_, k) => k % 8 === m));
  const appended = { ...wholeRecords(run), loop: loopInOrder };
  const result = state.handle({ type: 'compute', runId: 1, summary: true, series: true });
  assert.ok(result);
  assert.equal(result.requests, 1_000);
  assert.equal(result.loop, run.loop.length);
  assert.deepEqual(result.summary, computeSummary(appended));
  assert.deepEqual(result.series, chartSeries(appended));
});

test('only the parts asked for are computed', () => {
  const run = syntheticRun(100);
  const state = new AnalysisState();
  state.handle({ type: 'append', runId: 3, records: packRecords(run.requests, run.loop) });
  const summaryOnly = state.handle({ type: 'compute', runId: 3, summary: true, series: false });
  assert.deepEqual(summaryOnly?.summary, computeSummary(wholeRecords(run)));
  assert.equal(summaryOnly?.series, null);
  const seriesOnly = state.handle({ type: 'compute', runId: 3, summary: false, series: true });
  assert.equal(seriesOnly?.summary, null);
  assert.deepEqual(seriesOnly?.series, chartSeries(wholeRecords(run)));
});

test('a new run, or a reset, starts from no records; appends and resets answer nothing', () => {
  const first = syntheticRun(200);
  const second = syntheticRun(30);
  const state = new AnalysisState();
  assert.equal(state.handle({ type: 'append', runId: 1, records: packRecords(first.requests, first.loop) }), null);
  assert.equal(state.handle({ type: 'append', runId: 2, records: packRecords(second.requests, []) }), null);
  const result = state.handle({ type: 'compute', runId: 2, summary: true, series: false });
  assert.equal(result?.runId, 2);
  assert.equal(result?.summary?.requests, 30);
  assert.equal(state.handle({ type: 'reset', runId: 2 }), null);
  assert.equal(state.handle({ type: 'compute', runId: 2, summary: true, series: false })?.requests, 0);
});

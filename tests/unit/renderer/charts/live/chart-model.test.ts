import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMs } from '../../../../../shared/analysis/format.ts';
import { latencyHistogram } from '../../../../../shared/analysis/histogram.ts';
import { valueAxis } from '../../../../../renderer/src/charts/chart-axes.ts';
import { chartSeries } from '../../../../../renderer/src/charts/chart-series.ts';
import { histogramModel, overTimeModel } from '../../../../../renderer/src/charts/live/chart-model.ts';
import { syntheticRun } from '../../synthetic-run.ts';

const lines = [
  { key: 'p50Ms', name: 'p50', color: '#111' },
  { key: 'p99Ms', name: 'p99', color: '#222' },
];

test('an over-time model has the still chart’s axes: round ticks, labels from the chart’s formatters', () => {
  const series = chartSeries(syntheticRun(2_000));
  const model = overTimeModel({
    rows: series.latency,
    lines,
    domainMs: series.domainMs,
    formatY: formatMs,
    legend: true,
  });
  const largest = Math.max(...series.latency.map((p) => p.p99Ms));
  assert.deepEqual(
    model.y.ticks.map((t) => t.value),
    valueAxis(largest).ticks,
  );
  assert.ok(model.y.top >= largest);
  assert.deepEqual(
    model.y.ticks.map((t) => t.label),
    model.y.ticks.map((t) => formatMs(t.value)),
  );
  for (const t of model.x.ticks) {
    assert.ok(t.value >= model.x.from && t.value <= model.x.to);
    assert.equal(t.label, formatMs(t.value));
  }
  assert.equal(model.legend, true);
  assert.deepEqual(
    model.marks.kind === 'lines' && model.marks.lines.map((l) => [l.name, l.key, l.rows]),
    lines.map((l) => [l.name, l.key, series.latency]),
  );
});

test('a histogram model puts each bin in its own unit band, labelled with its lower edge', () => {
  const histogram = latencyHistogram(syntheticRun(2_000), { maxBins: 30 });
  const model = histogramModel(histogram, '#0b5cad');
  assert.equal(model.x.from, 0);
  assert.equal(model.x.to, histogram.bins.length);
  histogram.bins.forEach((b, i) => assert.deepEqual(model.x.ticks[i], { value: i + 0.5, label: formatMs(b.fromMs) }));
  assert.deepEqual(model.marks, { kind: 'bars', color: '#0b5cad', counts: histogram.bins.map((b) => b.count) });
  for (const t of model.y.ticks) assert.ok(Number.isInteger(t.value));
});

test('an empty run gives drawable axes, not NaN', () => {
  const model = histogramModel({ scale: 'linear', bins: [], total: 0 }, '#000');
  assert.equal(model.x.to, 1);
  assert.ok(model.y.top > 0);
  const lineModel = overTimeModel({ rows: [], lines, domainMs: [0, 1], formatY: formatMs });
  assert.ok(lineModel.y.top > 0);
  assert.ok(lineModel.y.ticks.every((t) => Number.isFinite(t.value)));
});

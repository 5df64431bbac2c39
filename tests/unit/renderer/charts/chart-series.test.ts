import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CHART_POINTS,
  HISTOGRAM_BINS,
  PERCENTILE_POINTS,
  chartSeries,
  loopStems,
} from '../../../../renderer/src/charts/chart-series.ts';
import { syntheticRun } from '../synthetic-run.ts';

test('a 20,000-request run gives charts a bounded number of points, whatever its length', () => {
  const run = syntheticRun(20_000);
  const s = chartSeries(run);
  assert.ok(s.throughput.length <= PERCENTILE_POINTS, `throughput has ${s.throughput.length} points`);
  assert.ok(s.latency.length <= PERCENTILE_POINTS);
  assert.ok(s.inFlight.length <= CHART_POINTS);
  assert.ok(s.loopDelay.length <= CHART_POINTS);
  assert.ok(s.loopStems.length <= 3 * CHART_POINTS);
  assert.ok(s.histogram.bins.length <= HISTOGRAM_BINS);
  // Bounded, but nothing lost: every response is counted once.
  assert.equal(
    s.throughput.reduce((n, p) => n + p.count, 0),
    20_000,
  );
  assert.equal(s.histogram.total, 20_000);
});

test('a short run gets coarse enough rate buckets to hold several responses each', () => {
  const s = chartSeries(syntheticRun(30, 4, 10));
  assert.ok(s.throughput.length <= 6, `throughput has ${s.throughput.length} points for 30 requests`);
  assert.ok(s.throughput.length >= 4);
});

test('the over-time charts share one x range covering the whole run', () => {
  const run = syntheticRun(500);
  const s = chartSeries(run);
  const last = Math.max(...run.requests.map((r) => r.received ?? 0)) / 1000;
  assert.ok(s.domainMs[0] <= 0 && s.domainMs[1] >= last);
});

test('loop delay becomes stems: up to each peak and back to zero at the same instant', () => {
  const stems = loopStems([
    { tMs: 10, maxDelayMs: 3, samples: 1 },
    { tMs: 2_400, maxDelayMs: 2_330, samples: 1 },
  ]);
  assert.deepEqual(
    stems.map((p) => [p.tMs, p.maxDelayMs]),
    [
      [10, 0],
      [10, 3],
      [10, 0],
      [2_400, 0],
      [2_400, 2_330],
      [2_400, 0],
    ],
  );
});

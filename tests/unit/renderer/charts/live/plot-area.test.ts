import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LEGEND_HEIGHT_CSS_PX, linearScale, plotRect } from '../../../../../renderer/src/charts/live/plot-area.ts';

test('the plot sits where recharts puts it in a 369 × 170 chart: after the 56 px y axis, above the 30 px x axis', () => {
  // Measured from the still chart's gridlines in Chromium: x 56, y 6, 303 × 134.
  assert.deepEqual(plotRect(369, 170, false), { left: 56, top: 6, right: 359, bottom: 140 });
});

test('a legend takes its row from the bottom of the plot, not from the axes', () => {
  const without = plotRect(369, 170, false);
  const withLegend = plotRect(369, 170, true);
  assert.ok(Math.abs(without.bottom - withLegend.bottom - LEGEND_HEIGHT_CSS_PX) < 1e-9);
  assert.equal(withLegend.left, without.left);
  assert.equal(withLegend.right, without.right);
});

test('a canvas narrower or shorter than its axes still gets a plot of at least one pixel', () => {
  const p = plotRect(20, 10, true);
  assert.ok(p.right - p.left >= 1);
  assert.ok(p.bottom - p.top >= 1);
});

test('a linear scale maps its domain onto its range, reversed ranges included', () => {
  const x = linearScale(1_000, 3_000, 56, 356);
  assert.equal(x(1_000), 56);
  assert.equal(x(2_000), 206);
  assert.equal(x(3_000), 356);
  const y = linearScale(0, 40, 140, 6);
  assert.equal(y(0), 140);
  assert.equal(y(40), 6);
  assert.equal(y(10), 106.5);
  // Values outside the domain land outside the range (the caller clips).
  assert.equal(y(80), -128);
});

test('an empty domain maps everything to the start of the range instead of dividing by zero', () => {
  const y = linearScale(0, 0, 140, 6);
  assert.equal(y(0), 140);
  assert.equal(y(5), 140);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countAxis, largestValue, timeTicks, valueAxis } from '../../../../renderer/src/charts/chart-axes.ts';

test('a value axis has a round top at or above the largest value, with ticks from 0 to it', () => {
  for (const max of [0.37, 7, 93, 4_210, 61_000]) {
    const { top, ticks } = valueAxis(max);
    assert.ok(top >= max, `top ${top} < ${max}`);
    assert.equal(ticks[0], 0);
    assert.equal(ticks.at(-1), top);
    assert.ok(ticks.length >= 3 && ticks.length <= 6, `${ticks.length} ticks for ${max}`);
  }
});

test('a count axis never has a fractional tick, even for one or two requests', () => {
  for (const max of [1, 2, 3, 7, 250]) {
    const { top, ticks } = countAxis(max);
    assert.ok(top >= max);
    for (const t of ticks) assert.ok(Number.isInteger(t), `tick ${t} for max ${max}`);
  }
  assert.deepEqual(countAxis(1).ticks, [0, 1]);
});

test('time ticks are round and inside the range', () => {
  const ticks = timeTicks(1_234, 7_890);
  assert.deepEqual(ticks, [2_000, 4_000, 6_000]);
});

test('the largest value looks at the named keys only and skips what is not a number', () => {
  const rows = [
    { tMs: 9_000, p50: 3, p95: 8 },
    { tMs: 10_000, p50: 4, p95: Number.NaN },
    { tMs: 11_000, p50: 5 },
  ];
  assert.equal(largestValue(rows, ['p50', 'p95']), 8);
  assert.equal(largestValue(rows, ['p50']), 5);
  assert.equal(largestValue([], ['p50']), 0);
});

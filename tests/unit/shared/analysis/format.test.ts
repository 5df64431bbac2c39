import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMs, formatPercent, formatRatio, formatRps, plural, sig } from '../../../../shared/analysis/format.ts';

test('durations read as people say them', () => {
  assert.equal(formatMs(0.4213), '0.421 ms');
  assert.equal(formatMs(312.4), '312 ms');
  assert.equal(formatMs(1250), '1.25 s');
  assert.equal(formatMs(125_000), '2 min 5 s');
  assert.equal(formatMs(Infinity), 'unbounded');
});

test('rates, percentages, ratios and counts', () => {
  assert.equal(formatRps(42.51), '42.5 req/s');
  assert.equal(formatPercent(0.962), '96%');
  assert.equal(formatPercent(0.045), '4.5%');
  assert.equal(formatRatio(3.06), '3.1×');
  assert.equal(plural(1, 'request'), '1 request');
  assert.equal(plural(12000, 'request'), '12,000 requests');
  assert.equal(sig(0.0421), '0.0421');
});

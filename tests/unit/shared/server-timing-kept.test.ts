import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerTiming } from '../../../shared/server-timing.ts';
import {
  describeMetric,
  keptServerTiming,
  MAX_KEPT_METRICS,
  serverTimingCuts,
} from '../../../shared/server-timing-kept.ts';
import { formatMs } from '../../../shared/analysis/format.ts';

test("the probe's metrics are left out, the ordinary ones kept in header order", () => {
  const header = 'interleave-served;desc="1 2 3 4 5 1 x", db;dur=53;desc="orders", interleave-span;dur=1, total;dur=80';
  assert.deepEqual(keptServerTiming(parseServerTiming(header)), {
    metrics: [
      { name: 'db', dur: 53, desc: 'orders' },
      { name: 'total', dur: 80, desc: null },
    ],
    dropped: 0,
  });
});

test('at most 16 metrics, names cut to 64 characters and descriptions to 200, each cut said in words', () => {
  const header = [
    `${'a'.repeat(70)};dur=1`,
    `b;desc="${'d'.repeat(300)}"`,
    ...Array.from({ length: 20 }, (_, i) => `m${i}`),
  ].join(', ');
  const { metrics, dropped } = keptServerTiming(parseServerTiming(header));
  assert.equal(metrics.length, MAX_KEPT_METRICS);
  assert.equal(dropped, 6, '22 metrics, 16 kept');
  assert.equal(metrics[0].name, `${'a'.repeat(63)}…`);
  assert.equal(metrics[1].desc, `${'d'.repeat(199)}…`);
  assert.equal(metrics[15].name, 'm13');
  assert.deepEqual(serverTimingCuts(metrics, dropped), [
    '6 more Server-Timing metrics not kept (at most 16 a request)',
    '1 metric name cut to 64 characters',
    '1 description cut to 200 characters',
  ]);
  assert.deepEqual(serverTimingCuts(metrics.slice(2), 1), [
    '1 more Server-Timing metric not kept (at most 16 a request)',
  ]);
  assert.deepEqual(serverTimingCuts([], 0), []);
});

test('a metric in words: name, duration, quoted description, each only when present', () => {
  assert.equal(describeMetric({ name: 'db', dur: 53, desc: 'orders' }, formatMs), 'db 53 ms "orders"');
  assert.equal(describeMetric({ name: 'miss', dur: null, desc: null }, formatMs), 'miss');
  assert.equal(describeMetric({ name: 'cache', dur: null, desc: 'say "hi"' }, formatMs), 'cache "say \\"hi\\""');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { busyThreadsSeries } from '../../../../shared/analysis/busy-threads.ts';
import { latencyHistogram } from '../../../../shared/analysis/histogram.ts';
import { inFlightSeries } from '../../../../shared/analysis/in-flight.ts';
import { latencyPercentileSeries } from '../../../../shared/analysis/latency-over-time.ts';
import { loopDelaySeries } from '../../../../shared/analysis/loop-delay.ts';
import { computeRunSeries } from '../../../../shared/analysis/series.ts';
import { throughputSeries } from '../../../../shared/analysis/throughput.ts';
import {
  gridForRun,
  runExtent,
  timeGrid,
  type RunRecords,
  type TimeGrid,
} from '../../../../shared/analysis/time-grid.ts';
import { PHASES, type RequestRecord } from '../../../../shared/trace.ts';
import { arbRunRecords, blockedLoopRun, syncWorkersRun, unpack } from '../fixtures.ts';

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)), `${what}: ${a} ≠ ${b}`);
const bucketBounds = (grid: TimeGrid, i: number) =>
  [grid.startUs + i * grid.widthUs, grid.startUs + (i + 1) * grid.widthUs] as const;
const completed = (records: RunRecords) => records.requests.filter((r) => r.received !== null).length;

/** Naive: the same grid with a small point budget, so every property also exercises wide buckets. */
const arbCase = fc.tuple(arbRunRecords(), fc.integer({ min: 1, max: 40 }));

test('the time grid never exceeds its point budget and covers the whole run', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1e12 }),
      fc.integer({ min: 0, max: 1e12 }),
      fc.integer({ min: 1, max: 2000 }),
      (a, length, maxPoints) => {
        const grid = timeGrid({ startUs: a, endUs: a + length }, maxPoints);
        assert.ok(grid.count >= 1 && grid.count <= maxPoints, `count ${grid.count} > ${maxPoints}`);
        assert.ok(grid.startUs <= a && grid.startUs + grid.count * grid.widthUs > a + length, 'covers');
        assert.equal(grid.startUs % grid.widthUs, 0, 'aligned');
      },
    ),
  );
});

test('throughput counts each completed request once, by its receive time', () => {
  fc.assert(
    fc.property(arbCase, ([records, maxPoints]) => {
      const grid = gridForRun(records, maxPoints);
      const series = throughputSeries(records, grid);
      assert.equal(series.length, grid.count);
      assert.equal(
        series.reduce((s, p) => s + p.count, 0),
        completed(records),
      );
      series.forEach((p, i) => {
        const [from, to] = bucketBounds(grid, i);
        const naive = records.requests.filter(
          (r) => r.received !== null && r.received >= from && (r.received < to || i === grid.count - 1),
        ).length;
        assert.equal(p.count, naive, `bucket ${i}`);
        close(p.rps, (naive * 1e6) / grid.widthUs, 'rate');
      });
    }),
  );
});

const inFlightAt = (requests: readonly RequestRecord[], t: number) =>
  requests.filter((r) => r.sent <= t && (r.received === null || t < r.received)).length;

test('requests in flight match a brute-force count at every sample point, peak and mean', () => {
  fc.assert(
    fc.property(arbCase, ([records, maxPoints]) => {
      const grid = gridForRun(records, maxPoints);
      const series = inFlightSeries(records, grid);
      series.forEach((p, i) => {
        const [from, to] = bucketBounds(grid, i);
        assert.equal(p.inFlight, inFlightAt(records.requests, from), `at start of bucket ${i}`);
        const instants = [
          from,
          ...records.requests.flatMap((r) => [r.sent, r.received ?? -1]).filter((t) => t >= from && t < to),
        ];
        assert.equal(p.peak, Math.max(...instants.map((t) => inFlightAt(records.requests, t))), `peak of bucket ${i}`);
        let area = 0;
        for (const r of records.requests) {
          const end = r.received ?? Infinity;
          if (end <= r.sent) continue;
          area += Math.max(0, Math.min(end, to) - Math.max(r.sent, from));
        }
        close(p.mean, area / grid.widthUs, `mean of bucket ${i}`);
      });
    }),
  );
});

test('busy threads match a brute-force count of server lanes held at each instant', () => {
  fc.assert(
    fc.property(arbCase, ([records, maxPoints]) => {
      const grid = gridForRun(records, maxPoints);
      const server = new Set(records.lanes.filter((l) => l.kind !== 'client').map((l) => l.id));
      const holding = unpack(records.spans).filter(
        (s) => server.has(s.lane) && PHASES[s.phase].holds && s.end > s.start,
      );
      const busyAt = (t: number) => new Set(holding.filter((s) => s.start <= t && t < s.end).map((s) => s.lane)).size;
      busyThreadsSeries(records, grid).forEach((p, i) => {
        const [from, to] = bucketBounds(grid, i);
        const cuts = [
          ...new Set([from, to, ...holding.flatMap((s) => [s.start, s.end]).filter((t) => t > from && t < to)]),
        ].sort((a, b) => a - b);
        assert.equal(p.peak, Math.max(...cuts.slice(0, -1).map(busyAt)), `peak of bucket ${i}`);
        let area = 0;
        for (let k = 0; k + 1 < cuts.length; k++) area += busyAt(cuts[k]) * (cuts[k + 1] - cuts[k]);
        close(p.mean, area / grid.widthUs, `mean of bucket ${i}`);
      });
    }),
  );
});

test('latency percentiles per bucket are ordered p50 ≤ p95 ≤ p99 ≤ max and count every completion', () => {
  fc.assert(
    fc.property(arbCase, ([records, maxPoints]) => {
      const grid = gridForRun(records, maxPoints);
      const series = latencyPercentileSeries(records, grid);
      assert.ok(series.length <= grid.count);
      assert.equal(
        series.reduce((s, p) => s + p.count, 0),
        completed(records),
      );
      for (const p of series) {
        assert.ok(p.p50Ms <= p.p95Ms && p.p95Ms <= p.p99Ms && p.p99Ms <= p.maxMs, JSON.stringify(p));
      }
    }),
  );
});

test('the latency histogram holds every completed request in exactly one bounded, contiguous bin', () => {
  fc.assert(
    fc.property(
      arbRunRecords(),
      fc.integer({ min: 1, max: 80 }),
      fc.constantFrom('linear', 'log', 'auto'),
      (records, maxBins, scale) => {
        const h = latencyHistogram(records, { maxBins, scale: scale as 'linear' | 'log' | 'auto' });
        assert.ok(h.bins.length <= maxBins, `${h.bins.length} bins > ${maxBins}`);
        assert.equal(h.total, completed(records));
        assert.equal(
          h.bins.reduce((s, b) => s + b.count, 0),
          completed(records),
        );
        h.bins.forEach((b, i) => {
          assert.ok(b.toMs > b.fromMs, 'bins have width');
          if (i > 0) assert.equal(b.fromMs, h.bins[i - 1].toMs, 'contiguous');
        });
        for (const r of records.requests) {
          if (r.received === null) continue;
          const ms = (r.received - r.intended) / 1000;
          assert.ok(ms >= h.bins[0].fromMs && ms <= h.bins[h.bins.length - 1].toMs, `${ms} ms outside the bins`);
        }
      },
    ),
  );
});

test('histogram bins have round edges: linear widths of 1, 2 or 5 × 10^k', () => {
  const h = latencyHistogram(syncWorkersRun(), { scale: 'linear', maxBins: 20 });
  const width = h.bins[0].toMs - h.bins[0].fromMs;
  assert.match(String(width / 10 ** Math.floor(Math.log10(width))), /^(1|2|5)$/);
  const log = latencyHistogram(blockedLoopRun(), { scale: 'log' });
  assert.equal(log.scale, 'log');
  assert.ok(
    log.bins.every((b) => /^\d+(\.\d+)?$/.test(String(b.fromMs))),
    'log edges print plainly',
  );
});

test('loop delay keeps the worst sample of each bucket, skips empty buckets and samples outside the run', () => {
  fc.assert(
    fc.property(arbCase, ([records, maxPoints]) => {
      const grid = gridForRun(records, maxPoints);
      const series = loopDelaySeries(records, grid);
      const gridEnd = grid.startUs + grid.count * grid.widthUs;
      assert.equal(
        series.reduce((s, p) => s + p.samples, 0),
        records.loop.filter((s) => s.t >= grid.startUs && s.t < gridEnd).length,
      );
      for (const p of series) {
        const i = Math.round((p.tMs * 1000 - grid.startUs) / grid.widthUs);
        const [from, to] = bucketBounds(grid, i);
        const inside = records.loop.filter((s) => s.t >= from && s.t < to);
        assert.equal(p.maxDelayMs, Math.max(...inside.map((s) => s.delayMs)));
      }
    }),
  );
});

test('a run of 50,000 requests gives at most 1,000 points per series', () => {
  const requests: RequestRecord[] = Array.from({ length: 50_000 }, (_, id) => ({
    id,
    endpoint: 0,
    intended: id * 1200,
    sent: id * 1200,
    accepted: id * 1200 + 10,
    responded: id * 1200 + 40_000,
    received: id * 1200 + 40_100 + (id % 97) * 300,
    status: 200,
    error: null,
    conn: 0,
  }));
  const spans = requests.flatMap((r) => [r.id, 1, 3, r.accepted as number, r.responded as number]);
  const loop = Array.from({ length: 6000 }, (_, i) => ({ t: i * 10_000, delayMs: i % 7 }));
  const records = {
    lanes: [
      { id: 0, name: 'client', kind: 'client', process: -1 } as const,
      { id: 1, name: 'loop', kind: 'loop', process: 0 } as const,
    ],
    spans,
    requests,
    loop,
  };
  const s = computeRunSeries(records);
  for (const [name, series] of Object.entries({
    throughput: s.throughput,
    inFlight: s.inFlight,
    latency: s.latency,
    loopDelay: s.loopDelay,
    busy: s.busyThreads,
  })) {
    assert.ok(series.length > 0 && series.length <= 1000, `${name}: ${series.length} points`);
  }
  assert.ok(s.latency.length <= 200);
  assert.equal(s.histogram.total, 50_000);
  assert.equal(
    s.throughput.reduce((sum, p) => sum + p.count, 0),
    50_000,
  );
});

test('the blocked-loop run: one thread busy throughout, ten in flight, then draining', () => {
  const run = blockedLoopRun();
  const s = computeRunSeries(run, { maxPoints: 100 });
  const extent = runExtent(run);
  assert.ok(s.grid.startUs <= extent.startUs);
  assert.equal(Math.max(...s.busyThreads.map((p) => p.peak)), 1);
  assert.equal(Math.max(...s.inFlight.map((p) => p.peak)), 10);
  assert.ok(s.inFlight[s.inFlight.length - 1].inFlight <= 1, 'drained by the last bucket');
  assert.ok(Math.max(...s.loopDelay.map((p) => p.maxDelayMs)) >= 90);
});

test('the run starts at its first request: loop samples taken while threads started do not stretch it', () => {
  const run = blockedLoopRun();
  const early = { ...run, loop: [{ t: 0, delayMs: 3 }, ...run.loop, { t: 5_000_000, delayMs: 1 }] };
  assert.deepEqual(runExtent(early), runExtent(run));
  assert.equal(runExtent(early).startUs, 1000, 'the first intended send');
  const onlyLoop = {
    lanes: [],
    spans: [],
    requests: [],
    loop: [
      { t: 10, delayMs: 1 },
      { t: 90, delayMs: 2 },
    ],
  };
  assert.deepEqual(runExtent(onlyLoop), { startUs: 10, endUs: 90 });
});

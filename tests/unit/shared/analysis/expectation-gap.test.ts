/**
 * The sentences comparing a run with "What to expect", with hand-computed numbers: the issue's
 * own example (concurrency 500 awaiting: predicted 5,000 req/s, measured 2,562).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectationGap } from '../../../../shared/analysis/expectation-gap.ts';
import type { Bound } from '../../../../shared/bounds.ts';
import type { RunSummary } from '../../../../shared/trace.ts';

function summary(over: Partial<RunSummary>): RunSummary {
  return {
    requests: 1000,
    errors: 0,
    errorRate: 0,
    makespanMs: 1000,
    throughputRps: 1000,
    p50Ms: 100,
    p95Ms: 100,
    p99Ms: 100,
    maxMs: 100,
    meanMs: 100,
    maxLoopBlockMs: 0,
    threadsUsed: 1,
    sendLagP99Ms: 0,
    ...over,
  };
}

/** Only the fields expectationGap reads. */
function bound(throughputRps: number, p95LatencyMs: number, cores = 2): Bound {
  return { cores, expected: { throughputRps, p95LatencyMs } } as unknown as Bound;
}

test('throughput half the prediction: the miss, the time per request, and what the rest is', () => {
  // 1000/2562 = 0.3903 ms per request ("0.39 ms"); 1000/5000 = 0.2 ms; the rest 0.19 ms.
  // 1 − 2562/5000 = 0.4876 → "49% less".
  const [sentence, ...rest] = expectationGap(summary({ throughputRps: 2562, p95Ms: 105 }), bound(5000, 100));
  assert.deepEqual(rest, [], 'p95 105 ms against 100 ms is within a fifth: no sentence');
  assert.equal(
    sentence,
    'Throughput was 2,562 req/s; What to expect said 5,000 req/s (49% less). The run finished a request ' +
      'every 0.39 ms; the prediction needs one every 0.2 ms. It counts only what the steps hold, so the ' +
      "other 0.19 ms per request is the cost of serving a request at all (HTTP parsing, the loop's and " +
      "the load generator's own work, thread hand-offs) on 2 CPU cores.",
  );
});

test('within a fifth either way says nothing; just over a fifth says it', () => {
  assert.deepEqual(expectationGap(summary({ throughputRps: 800, p95Ms: 120 }), bound(1000, 100)), []);
  assert.deepEqual(expectationGap(summary({ throughputRps: 1200, p95Ms: 80 }), bound(1000, 100)), []);
  // p95 125 ms against 100: 25% more.
  assert.deepEqual(expectationGap(summary({ throughputRps: 1000, p95Ms: 125 }), bound(1000, 100)), [
    'p95 latency was 125 ms; What to expect said 100 ms (25% more): requests waited longer than the ' +
      'steps alone explain; "What happened" says where their time went.',
  ]);
});

test('faster than predicted is said as such, and a run with no requests has nothing to compare', () => {
  const [faster] = expectationGap(summary({ throughputRps: 1500 }), bound(1000, 100));
  assert.match(faster, /^Throughput was 1,500 req\/s; What to expect said 1,000 req\/s \(50% more\)/);
  assert.deepEqual(expectationGap(summary({ requests: 0, throughputRps: 0 }), bound(1000, 100)), []);
});

test('with failures, answers per second are compared (failures included), not the successful throughput', () => {
  // 8 requests, 7 of them 500s (WORKER TIMEOUT), over 8 s: 1 answer a second against 2 predicted.
  const failing = summary({ requests: 8, errors: 7, makespanMs: 8000, throughputRps: 0.125, p95Ms: 4000 });
  const [sentence] = expectationGap(failing, bound(2, 4000));
  assert.match(
    sentence,
    /^Requests were answered \(failures included\) at 1 req\/s; What to expect said 2 req\/s \(50% less\)/,
  );
  // 1.8 answers a second against 2: within a fifth, nothing to say, though only 1 in 8 succeeded.
  assert.deepEqual(expectationGap({ ...failing, makespanMs: 8000 / 1.8 }, bound(2, 4000)), []);
  // A prediction with no time in it (every request refused at once) has no rate to compare.
  assert.deepEqual(expectationGap({ ...failing, p95Ms: 0 }, bound(10_000_000, 0)), []);
});

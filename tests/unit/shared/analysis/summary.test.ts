/**
 * computeSummary by hand: small runs whose every number is worked out in the comments.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeSummary } from '../../../../shared/analysis/summary.ts';
import type { RequestRecord } from '../../../../shared/trace.ts';

/** A request sent when intended, answered `ms` later (µs in the record), or never (ms null). */
function request(id: number, intendedMs: number, ms: number | null, status = 200): RequestRecord {
  const intended = intendedMs * 1000;
  return {
    id,
    endpoint: 0,
    intended,
    sent: intended,
    accepted: ms === null ? null : intended + 100,
    responded: ms === null ? null : intended + ms * 1000 - 100,
    received: ms === null ? null : intended + ms * 1000,
    status: ms === null ? 0 : status,
    error: ms === null ? 'connection refused' : status >= 400 ? `HTTP ${status}` : null,
    conn: 10,
  };
}

const summaryOf = (requests: RequestRecord[]) => computeSummary({ lanes: [], spans: [], requests, loop: [] });

test('throughput counts successful responses only; failures are the error rate', () => {
  // Four requests from t = 0: ok after 100 ms, ok at 200 → 250 ms (50 ms), a 500 at 300 → 310 ms,
  // and one refused at 400 ms (no response; it ends the run at its send, 400 ms).
  const s = summaryOf([request(0, 0, 100), request(1, 200, 50), request(2, 300, 10, 500), request(3, 400, null)]);
  // Makespan: first intended send 0 → last response or send: max(100, 250, 310, 400) = 400 ms.
  assert.equal(s.makespanMs, 400);
  // Errors: the 500 and the refused one: 2 of 4 → 0.5.
  assert.equal(s.errors, 2);
  assert.equal(s.errorRate, 0.5);
  // Successful responses: 2 in 400 ms → 2 × 1000 / 400 = 5 req/s (not 3 responses → 7.5).
  assert.equal(s.throughputRps, 5);
});

test('no failures: error rate 0; no requests: every number 0', () => {
  // Three ok responses in 0 → 300 ms: 3 × 1000 / 300 = 10 req/s.
  const s = summaryOf([request(0, 0, 100), request(1, 100, 100), request(2, 200, 100)]);
  assert.deepEqual([s.errors, s.errorRate, s.throughputRps], [0, 0, 10]);
  const none = summaryOf([]);
  assert.deepEqual([none.requests, none.errorRate, none.throughputRps, none.makespanMs], [0, 0, 0, 0]);
});

test('all failed: throughput 0, error rate 1', () => {
  // Two 503s, answered at 20 and 40 ms: nothing succeeded.
  const s = summaryOf([request(0, 0, 20, 503), request(1, 0, 40, 503)]);
  assert.deepEqual([s.errors, s.errorRate, s.throughputRps], [2, 1, 0]);
});

test('percentiles are nearest-rank: the value at rank ceil(p/100 × n), counted from the intended send', () => {
  // Ten requests, all intended at t = 0, answered after 10, 20, … 100 ms.
  const ten = summaryOf(Array.from({ length: 10 }, (_, i) => request(i, 0, (i + 1) * 10)));
  // p50: rank ceil(0.5 × 10) = 5 → 50 ms; p95: ceil(9.5) = 10 → 100 ms; p99: ceil(9.9) = 10 → 100 ms.
  assert.deepEqual([ten.p50Ms, ten.p95Ms, ten.p99Ms, ten.maxMs], [50, 100, 100, 100]);
  // Mean: (10 + 20 + … + 100) / 10 = 550 / 10 = 55 ms. Makespan: 0 → 100 ms.
  assert.deepEqual([ten.meanMs, ten.makespanMs], [55, 100]);

  // Twenty requests answered after 1 … 20 ms: p50 rank 10 → 10, p95 rank 19 → 19, p99 rank ceil(19.8) = 20 → 20.
  const twenty = summaryOf(Array.from({ length: 20 }, (_, i) => request(i, 0, i + 1)));
  assert.deepEqual([twenty.p50Ms, twenty.p95Ms, twenty.p99Ms], [10, 19, 20]);
  // Mean: (1 + … + 20) / 20 = 210 / 20 = 10.5 ms.
  assert.equal(twenty.meanMs, 10.5);
});

test('latency counts from the intended send; a late send shows as send lag; the loop block is the worst sample', () => {
  // Open model: request 0 intended at 0, sent at 0, answered at 30 ms;
  // request 1 intended at 10 ms but sent at 25 ms (15 ms late), answered at 45 ms.
  const late = { ...request(1, 10, 35), sent: 25_000 };
  const s = computeSummary({
    lanes: [],
    spans: [],
    requests: [request(0, 0, 30), late],
    loop: [
      { t: 5_000, delayMs: 0.4 },
      { t: 20_000, delayMs: 12.5 },
      { t: 40_000, delayMs: 3 },
    ],
  });
  // Latencies from the intended send: 30 and 45 − 10 = 35 ms (not 45 − 25 = 20).
  assert.deepEqual([s.p50Ms, s.maxMs, s.meanMs], [30, 35, 32.5]);
  // Send lags 0 and 15 ms: p99 rank ceil(1.98) = 2 → 15 ms.
  assert.equal(s.sendLagP99Ms, 15);
  // Makespan: first intended 0 → last response at 45 ms; throughput 2 × 1000 / 45 = 44.444… → 44.444.
  assert.deepEqual([s.makespanMs, s.throughputRps], [45, 44.444]);
  assert.equal(s.maxLoopBlockMs, 12.5);
});

test('a request never answered ends the makespan at its send and has no latency', () => {
  // Answered: 0 → 50 ms. Refused: intended and sent at 80 ms, no response.
  const s = summaryOf([request(0, 0, 50), request(1, 80, null)]);
  // Makespan 0 → max(50, 80) = 80 ms; percentiles over the one latency, 50 ms.
  assert.deepEqual([s.makespanMs, s.p50Ms, s.p99Ms, s.maxMs], [80, 50, 50, 50]);
  // One success in 80 ms: 1000 / 80 = 12.5 req/s; 1 error of 2.
  assert.deepEqual([s.throughputRps, s.errors, s.errorRate], [12.5, 1, 0.5]);
});

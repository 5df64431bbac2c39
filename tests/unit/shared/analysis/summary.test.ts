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

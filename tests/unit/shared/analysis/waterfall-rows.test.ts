/** The comparison's waterfall rows, by hand: send order, the run's own clock, spans per request. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waterfallRows } from '../../../../shared/analysis/waterfall-rows.ts';
import { Phase, type RequestRecord } from '../../../../shared/trace.ts';

function request(id: number, intendedMs: number, receivedMs: number | null, status = 200): RequestRecord {
  return {
    id,
    endpoint: 0,
    intended: intendedMs * 1000,
    sent: intendedMs * 1000,
    accepted: null,
    responded: null,
    received: receivedMs === null ? null : receivedMs * 1000,
    status,
    error: null,
    conn: 1,
  };
}

test('rows in intended order from the first send, with their spans; client spans and other requests left out', () => {
  // Three requests intended at 1000, 1010 and 1005 ms; the row limit keeps the first two sent (ids 7, 9).
  const requests = [request(7, 1000, 1100), request(8, 1010, 1120, 500), request(9, 1005, null, 0)];
  // req, lane, phase, start µs, end µs
  const spans = [
    ...[7, 0, Phase.await, 1_000_000, 1_100_000],
    ...[9, 0, Phase.block, 1_005_000, 1_205_000],
    ...[7, 0, Phase.client, 1_000_000, 1_100_000],
    ...[8, 0, Phase.block, 1_010_000, 1_020_000],
  ];
  assert.deepEqual(waterfallRows({ requests, spans }, 2), [
    { req: 7, startMs: 0, endMs: 100, failed: false, segments: [{ startMs: 0, endMs: 100, phase: Phase.await }] },
    // No response: the row ends with its last span (205 ms), and it counts as failed.
    { req: 9, startMs: 5, endMs: 205, failed: true, segments: [{ startMs: 5, endMs: 205, phase: Phase.block }] },
  ]);
  assert.deepEqual(waterfallRows({ requests: [], spans: [] }, 5), []);
});

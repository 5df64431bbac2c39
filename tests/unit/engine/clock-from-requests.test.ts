/**
 * The server's clock offset read off stamped requests: each response brackets it between
 * `responded − firstByte` and `accepted − requestStart`; the answer is the middle of where all
 * brackets meet, wrong by at most half that width. Expected values computed by hand below.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClockFromRequests, offsetFromRequests } from '../../../main/engine/probe/clock-from-requests.ts';
import type { RequestRecord } from '../../../shared/trace.ts';

/** A record with our times in ms (stored in µs, as records are). */
function record(ms: {
  sent: number;
  requestStart?: number;
  firstByte?: number;
  received: number | null;
}): RequestRecord {
  const us = (x: number | undefined) => (x === undefined ? undefined : x * 1000);
  return {
    id: 0,
    endpoint: 0,
    intended: ms.sent * 1000,
    sent: ms.sent * 1000,
    accepted: null,
    responded: null,
    received: ms.received === null ? null : ms.received * 1000,
    status: ms.received === null ? 0 : 200,
    error: null,
    conn: 0,
    requestStart: us(ms.requestStart),
    firstByte: us(ms.firstByte),
  };
}

test('one request: the offset is the middle of its bracket, the error half its width', () => {
  // We wrote at 100, read the first byte at 160; the server (clock 1000 ahead) stamped
  // 1100.5 → 1159.0. Bracket: [1159 − 160, 1100.5 − 100] = [999, 1000.5]: middle 999.75 ± 0.75.
  const offset = offsetFromRequests([
    {
      record: record({ sent: 100, requestStart: 100, firstByte: 160, received: 161 }),
      acceptedMs: 1100.5,
      respondedMs: 1159,
    },
  ]);
  assert.deepEqual(offset, { offsetMs: 999.75, uncertaintyMs: 0.75 });
});

test('several requests: the brackets meet, and the meeting is narrower than any one of them', () => {
  // A: [1059 − 60, 1000.5 − 0] = [999, 1000.5]. B: [2080.2 − 1080, 2000.8 − 1000] = [1000.2, 1000.8].
  // Both: [1000.2, 1000.5]: middle 1000.35, error 0.15.
  const offset = offsetFromRequests([
    {
      record: record({ sent: 0, requestStart: 0, firstByte: 60, received: 61 }),
      acceptedMs: 1000.5,
      respondedMs: 1059,
    },
    {
      record: record({ sent: 1000, requestStart: 1000, firstByte: 1080, received: 1081 }),
      acceptedMs: 2000.8,
      respondedMs: 2080.2,
    },
  ]);
  assert.ok(offset);
  assert.ok(Math.abs(offset.offsetMs - 1000.35) < 1e-9, `${offset.offsetMs}`);
  assert.ok(Math.abs(offset.uncertaintyMs - 0.15) < 1e-9, `${offset.uncertaintyMs}`);
});

test('without client phases the bracket is sent → received; no response, no bracket', () => {
  // [1050 − 60, 1010 − 0] = [990, 1010]: 1000 ± 10. The unanswered request adds nothing.
  const offset = offsetFromRequests([
    { record: record({ sent: 0, received: 60 }), acceptedMs: 1010, respondedMs: 1050 },
    { record: record({ sent: 0, received: null }), acceptedMs: 5, respondedMs: 6 },
  ]);
  assert.deepEqual(offset, { offsetMs: 1000, uncertaintyMs: 10 });
  assert.equal(offsetFromRequests([]), null);
});

test('brackets that do not meet (a drifting clock): the narrowest one is used', () => {
  // A: [1000, 1002] (width 2); B: [1010, 1011] (width 1): they do not meet, B is narrower.
  const offset = offsetFromRequests([
    { record: record({ sent: 0, firstByte: 50, received: 50 }), acceptedMs: 1002, respondedMs: 1050 },
    { record: record({ sent: 100, firstByte: 150, received: 150 }), acceptedMs: 1111, respondedMs: 1160 },
  ]);
  assert.deepEqual(offset, { offsetMs: 1010.5, uncertaintyMs: 0.5 });
});

test('a stamp outside its request (the server took longer than the client saw) is ignored', () => {
  // Served 1000 → 1100 inside a request the client saw take 50 ms: bracket [1050, 1000], empty.
  assert.equal(
    offsetFromRequests([{ record: record({ sent: 0, received: 50 }), acceptedMs: 1000, respondedMs: 1100 }]),
    null,
  );
});

test('a run keeps the first offset it learns: later batches do not move spans already drawn', () => {
  const clock = new ClockFromRequests();
  assert.equal(clock.offset([]), null, 'nothing stamped yet');
  assert.equal(clock.uncertaintyMs, null);
  const first = clock.offset([{ record: record({ sent: 0, received: 60 }), acceptedMs: 1010, respondedMs: 1050 }]);
  assert.deepEqual(first, { offsetMs: 1000, uncertaintyMs: 10 });
  const later = clock.offset([
    { record: record({ sent: 0, firstByte: 60, received: 60 }), acceptedMs: 1001, respondedMs: 1059.5 },
  ]);
  assert.deepEqual(later, first);
  assert.equal(clock.uncertaintyMs, 10);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientPhases, hasClientPhases } from '../../../shared/client-phases.ts';
import type { RequestRecord } from '../../../shared/trace.ts';

const base: RequestRecord = {
  id: 1,
  endpoint: 0,
  intended: 1_000,
  sent: 1_200,
  accepted: null,
  responded: null,
  received: null,
  status: 0,
  error: null,
  conn: 0,
};
const spans = (r: RequestRecord) => clientPhases(r).map((p) => [p.id, p.start, p.end]);

test('a new https connection: six phases end to end from the intended send to the last byte', () => {
  const r = {
    ...base,
    connectStart: 1_300,
    connectEnd: 1_500,
    tlsEnd: 2_500,
    requestStart: 2_520,
    requestEnd: 2_540,
    firstByte: 52_540,
    received: 82_540,
    status: 200,
  };
  assert.deepEqual(spans(r), [
    ['blocked', 1_000, 1_300],
    ['connect', 1_300, 1_500],
    ['tls', 1_500, 2_500],
    ['send', 2_500, 2_540],
    ['wait', 2_540, 52_540],
    ['receive', 52_540, 82_540],
  ]);
});

test('a reused connection waits, sends, waits and reads; no connect or TLS phase', () => {
  const r = { ...base, requestStart: 1_250, requestEnd: 1_260, firstByte: 9_000, received: 9_500, status: 200 };
  assert.deepEqual(spans(r), [
    ['blocked', 1_000, 1_250],
    ['send', 1_250, 1_260],
    ['wait', 1_260, 9_000],
    ['receive', 9_000, 9_500],
  ]);
});

test('a refused connection ends with its wait for the connection; a timeout after the first byte has no body phase', () => {
  assert.deepEqual(spans({ ...base, connectStart: 1_300, error: 'connect ECONNREFUSED' }), [['blocked', 1_000, 1_300]]);
  const late = { ...base, requestStart: 1_250, requestEnd: 1_260, firstByte: 9_000, error: 'timed out after 100 ms' };
  assert.deepEqual(
    spans(late).map(([id]) => id),
    ['blocked', 'send', 'wait'],
  );
});

test('records from before the phases were measured have none', () => {
  assert.equal(hasClientPhases({ ...base, received: 5_000, status: 200 }), false);
  assert.deepEqual(clientPhases({ ...base, received: 5_000, status: 200 }), []);
});

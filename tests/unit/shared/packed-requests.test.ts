import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packRequests, REQUEST_STRIDE, unpackRequests } from '../../../shared/packed-requests.ts';
import type { RequestRecord } from '../../../shared/trace.ts';
import { requestWithPhases } from './request-phases-fixture.ts';

const record = (id: number, over: Partial<RequestRecord> = {}): RequestRecord => ({
  id,
  endpoint: id % 3,
  intended: id * 1000.25,
  sent: id * 1000.25 + 0.5,
  accepted: null,
  responded: null,
  received: id * 1000.25 + 480.125,
  status: 200,
  error: null,
  conn: 7 + (id % 4),
  ...over,
});

test('client records survive packing and unpacking exactly, errors and missing responses included', () => {
  const records = [
    record(0),
    record(1, { received: null, status: 0, error: 'timed out after 30000 ms' }),
    record(2, { status: 502, error: 'upstream: connection refused' }),
    record(3, { received: 0 }),
  ];
  const packed = packRequests(records);
  assert.equal(packed.packed.length, records.length * REQUEST_STRIDE);
  assert.deepEqual(packed.errors, [
    [1, 'timed out after 30000 ms'],
    [2, 'upstream: connection refused'],
  ]);
  assert.deepEqual(unpackRequests(packed), records);
});

test('an empty batch packs to nothing', () => {
  assert.deepEqual(unpackRequests(packRequests([])), []);
});

test("the client's phases and the Server-Timing metrics travel too; absent ones stay absent", () => {
  const records = [0, 1, 2, 3].map((id) => requestWithPhases(id, 4));
  const packed = packRequests(records);
  assert.deepEqual(
    packed.serverTiming?.map(([i, metrics, dropped]) => [i, metrics.length, dropped]),
    [
      [0, 2, 0],
      [3, 2, 4],
    ],
  );
  const back = unpackRequests(packed);
  assert.deepStrictEqual(back, records);
  assert.equal('tlsEnd' in back[1], false);
});

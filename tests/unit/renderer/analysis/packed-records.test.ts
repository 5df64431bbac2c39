import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packRecords, transferables, unpackRecordsInto } from '../../../../renderer/src/analysis/packed-records.ts';
import type { LoopSample, RequestRecord } from '../../../../shared/trace.ts';
import { syntheticRun } from '../synthetic-run.ts';

const odd: RequestRecord[] = [
  {
    id: 7,
    endpoint: 2,
    intended: 10,
    sent: 12.5,
    accepted: null,
    responded: null,
    received: null,
    status: 0,
    error: 'ECONNRESET',
    conn: 9,
  },
  {
    id: 8,
    endpoint: 0,
    intended: 11,
    sent: 11,
    accepted: 20,
    responded: 30,
    received: 31,
    status: 503,
    error: null,
    conn: 4,
  },
  {
    id: 9,
    endpoint: 1,
    intended: 0,
    sent: 0,
    accepted: 0,
    responded: null,
    received: null,
    status: 0,
    error: 'timeout',
    conn: 0,
  },
];

test('requests and loop samples come back as the objects they were: nulls, zeros and errors included', () => {
  const run = syntheticRun(50);
  const requests = [...run.requests, ...odd];
  const loop: LoopSample[] = [...run.loop, { t: 0, delayMs: 0 }, { t: 5, delayMs: 123.456 }];
  const outRequests: RequestRecord[] = [];
  const outLoop: LoopSample[] = [];
  unpackRecordsInto(packRecords(requests, loop), outRequests, outLoop);
  assert.deepEqual(outRequests, requests);
  assert.deepEqual(outLoop, loop);
});

test('a later batch appends after the earlier ones, its error indexes counted from its own start', () => {
  const outRequests: RequestRecord[] = [];
  const outLoop: LoopSample[] = [];
  unpackRecordsInto(packRecords(odd.slice(0, 2), [{ t: 1, delayMs: 2 }]), outRequests, outLoop);
  unpackRecordsInto(packRecords(odd.slice(2), []), outRequests, outLoop);
  assert.deepEqual(outRequests, odd);
  assert.deepEqual(outLoop, [{ t: 1, delayMs: 2 }]);
});

test('an empty batch packs to empty buffers, both of which transfer', () => {
  const packed = packRecords([], []);
  assert.equal(packed.requests.length, 0);
  assert.equal(packed.loop.length, 0);
  assert.deepEqual(packed.errors, []);
  assert.deepEqual(transferables(packed), [packed.requests.buffer, packed.loop.buffer]);
});

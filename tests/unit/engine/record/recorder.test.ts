/**
 * The recorder's join, by hand: the client's half of a request and the server's half arrive in
 * separate batches from separate threads, in either order; every time is shifted to run time
 * (thread-clock time minus the moment the load started); batches hand out only what is new.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Recorder } from '../../../../main/engine/record/recorder.ts';
import { Phase, type Lane, type RequestRecord } from '../../../../shared/trace.ts';

const LOOP: Lane = { id: 0, name: 'event loop', kind: 'loop', process: 0 };
const EXECUTOR: Lane = { id: 1, name: 'executor 1', kind: 'executor', process: 0 };
/** Client connections start at lane 2. */
const FIRST_CLIENT = 2;
/** Thread-clock time (µs) at which the load started: run time 0. */
const ORIGIN = 1_000_000;

/** The client's half of a request, in thread-clock µs. */
function client(id: number, intended: number, received: number | null, conn = FIRST_CLIENT): RequestRecord {
  return {
    id,
    endpoint: 0,
    intended: ORIGIN + intended,
    sent: ORIGIN + intended + 5,
    accepted: null,
    responded: null,
    received: received === null ? null : ORIGIN + received,
    status: received === null ? 0 : 200,
    error: received === null ? 'connection refused' : null,
    conn,
  };
}

/** The server's halves, packed as the server thread sends them: id, accepted, responded. */
const served = (...triples: [number, number, number][]) =>
  Float64Array.from(triples.flatMap(([id, a, r]) => [id, ORIGIN + a, ORIGIN + r]));

function recorder(): Recorder {
  const r = new Recorder([LOOP, EXECUTOR], FIRST_CLIENT);
  r.startClockAt(ORIGIN);
  return r;
}

test('client first or server first, a request is complete once both halves are in, in run time', () => {
  const r = recorder();
  // Request 1: the client's half first (intended at 100 µs run time, received at 900).
  r.addRequests([client(1, 100, 900)]);
  assert.equal(r.requests.length, 0, 'waits for the server');
  // Request 2: the server's half first (accepted at 2 010, responded at 2 700).
  r.addServed(served([2, 2_010, 2_700]));
  assert.equal(r.requests.length, 0, 'waits for the client');
  // Request 1's server half (accepted 120, responded 880) completes it; request 2's client half completes 2.
  r.addServed(served([1, 120, 880]));
  r.addRequests([client(2, 2_000, 2_750)]);
  assert.deepEqual(
    r.requests.map((q) => [q.id, q.intended, q.sent, q.accepted, q.responded, q.received]),
    [
      // Every time minus ORIGIN: intended 100, sent 100 + 5, accepted 120, responded 880, received 900.
      [1, 100, 105, 120, 880, 900],
      [2, 2_000, 2_005, 2_010, 2_700, 2_750],
    ],
    'in completion order, shifted to run time',
  );
});

test('requests the server never saw are released when the run ends; a server half alone is not a request', () => {
  const r = recorder();
  r.addRequests([client(7, 50, null)]);
  r.addServed(served([8, 60, 70])); // no client half ever comes for 8
  r.finish();
  assert.deepEqual(
    r.requests.map((q) => [q.id, q.accepted, q.responded, q.received, q.error]),
    [[7, null, null, null, 'connection refused']],
  );
});

test('each client connection gets its lane once, named by its number; spans are shifted like the rest', () => {
  const r = recorder();
  r.addRequests([client(1, 0, 10, 2), client(2, 0, 10, 3), client(3, 20, 30, 2)]);
  assert.deepEqual(
    r.lanes.map((l) => [l.id, l.name, l.kind]),
    [
      [0, 'event loop', 'loop'],
      [1, 'executor 1', 'executor'],
      // Connection lane 2 is "client 1" (2 − 2 + 1), lane 3 "client 2"; lane 2 is not added twice.
      [2, 'client 1', 'client'],
      [3, 'client 2', 'client'],
    ],
  );
  r.addSpans(Float64Array.from([1, 1, Phase.running, ORIGIN + 15, ORIGIN + 40]));
  assert.deepEqual([...r.spanData], [1, 1, Phase.running, 15, 40]);
});

test('loop samples from before the load started are dropped; the rest shifted', () => {
  const r = recorder();
  // The load started at thread time ORIGIN + 500 µs (the warm-up ran before it).
  r.measureFrom(ORIGIN + 500);
  r.addLoop(Float64Array.from([ORIGIN + 100, 40, ORIGIN + 500, 1.5, ORIGIN + 900, 2.5]));
  // Pairs (t, delay ms): 100 µs is before the load; 500 and 900 µs stay, at 500 and 900 run time.
  assert.deepEqual(r.loop, [
    { t: 500, delayMs: 1.5 },
    { t: 900, delayMs: 2.5 },
  ]);
});

test('a batch holds exactly what arrived since the previous one', () => {
  const r = recorder();
  const first = r.takeBatch();
  assert.deepEqual(
    first.lanes.map((l) => l.id),
    [0, 1],
    'the server lanes, once',
  );
  r.addRequests([client(1, 0, 10)]);
  r.addServed(served([1, 1, 9]));
  r.addSpans(Float64Array.from([1, 0, Phase.await, ORIGIN + 1, ORIGIN + 9]));
  const second = r.takeBatch();
  assert.deepEqual(
    [second.lanes.map((l) => l.id), second.requests.map((q) => q.id), second.spans],
    [[2], [1], [1, 0, Phase.await, 1, 9]],
  );
  const third = r.takeBatch();
  assert.deepEqual([third.lanes, third.requests, third.spans, third.loop], [[], [], [], []]);
});

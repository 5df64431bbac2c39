import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  busiestProcessRequests,
  connectionPlacement,
  peakOverlap,
  runShape,
  runShapeOf,
} from '../../../../shared/analysis/run-shape.ts';
import { Phase, type Lane } from '../../../../shared/trace.ts';
import { workerTimeoutMessage } from '../../../../shared/worker-timeout.ts';

const lanes: Lane[] = [
  { id: 0, name: 'event loop', kind: 'loop', process: 0 },
  { id: 1, name: 'executor 1', kind: 'executor', process: 0 },
  { id: 2, name: 'executor 2', kind: 'executor', process: 0 },
  { id: 3, name: 'client 1', kind: 'client', process: -1 },
];

test('peak overlap counts intervals open at once; touching ends do not overlap', () => {
  // [0,10) [10,20) touch: 1. [0,10) [5,15) [6,7): at 6..7 all three are open: 3.
  assert.equal(
    peakOverlap([
      [0, 10],
      [10, 20],
    ]),
    1,
  );
  assert.equal(
    peakOverlap([
      [0, 10],
      [5, 15],
      [6, 7],
    ]),
    3,
  );
  assert.equal(peakOverlap([]), 0);
  assert.equal(peakOverlap([[5, 5]]), 0);
});

test('ten awaits on the loop: ten requests at once, no thread held', () => {
  const spans = Array.from({ length: 10 }, (_, r) => [r, 0, Phase.await, 0, 100_000]).flat();
  assert.deepEqual(runShape(lanes, spans), { requestsAtOnce: 10, threadsAtOnce: 0 });
});

test('time.sleep on the loop, one after another: one request, one thread', () => {
  // Request r blocks the loop from 100r to 100(r+1) ms.
  const spans = Array.from({ length: 3 }, (_, r) => [r, 0, Phase.block, r * 100_000, (r + 1) * 100_000]).flat();
  assert.deepEqual(runShape(lanes, spans), { requestsAtOnce: 1, threadsAtOnce: 1 });
});

test('offloads on two threads, queue waits and client spans left out, nested spans counted once', () => {
  const spans = [
    // request 0: offload awaited on the loop 0..100, its block on executor 1 at 0..100
    [0, 0, Phase.offload, 0, 100],
    [0, 1, Phase.block, 0, 100],
    // request 1: waited for the executor 0..100 (not service), then ran 100..200 on executor 2,
    // a `running` view around a `block` step (one thread, counted once)
    [1, 2, Phase['exec-queue'], 0, 100],
    [1, 2, Phase.running, 100, 200],
    [1, 2, Phase.block, 110, 190],
    // request 2: only a client span, on a client lane: not the server's
    [2, 3, Phase.client, 0, 300],
  ].flat();
  // In service: request 0 over 0..100, request 1 over 100..200: they touch, so 1 at once.
  // Held: executor 1 over 0..100, executor 2 over 100..200: 1 at once.
  assert.deepEqual(runShape(lanes, spans), { requestsAtOnce: 1, threadsAtOnce: 1 });
});

test('requests whose gunicorn worker was aborted are left out: real Django has no record of them', () => {
  // Two sync workers (lanes 1, 2): request 0 aborted at 1 s on worker 1 while request 1 ran to
  // 0.5 s on worker 2, overlapping it; request 2 ran 2..2.5 s on worker 1 after the replacement.
  const spans = [
    [0, 1, Phase.running, 0, 1_000_000],
    [1, 2, Phase.running, 0, 500_000],
    [2, 1, Phase.running, 2_000_000, 2_500_000],
  ].flat();
  const requests = [
    { id: 0, error: workerTimeoutMessage(1) },
    { id: 1, error: null },
    { id: 2, error: 'Internal Server Error' },
  ];
  assert.deepEqual(runShape(lanes, spans), { requestsAtOnce: 2, threadsAtOnce: 2 });
  // Request 0 left out: 1 and 2 never overlap. Another 500 is kept.
  assert.deepEqual(runShapeOf({ lanes, spans, requests }), { requestsAtOnce: 1, threadsAtOnce: 1 });
});

test('uvicorn --workers: the busiest process by requests served, from each request’s first server span', () => {
  const two: Lane[] = [
    { id: 0, name: 'worker 1 · event loop', kind: 'loop', process: 1 },
    { id: 1, name: 'worker 1 · executor 1', kind: 'executor', process: 1 },
    { id: 2, name: 'worker 2 · event loop', kind: 'loop', process: 2 },
    { id: 3, name: 'client 1', kind: 'client', process: -1 },
  ];
  // Requests 0, 1, 2 start in process 1 (request 1 on its executor), request 3 in process 2; the
  // client span of request 3 on lane 3 counts for nobody.
  const spans = [
    ...[0, 0, Phase.block, 0, 10],
    ...[1, 1, Phase.block, 5, 10],
    ...[1, 0, Phase.running, 1, 2],
    ...[2, 0, Phase.block, 20, 30],
    ...[3, 2, Phase.block, 0, 10],
    ...[3, 3, Phase.client, 0, 12],
  ];
  assert.equal(busiestProcessRequests(two, spans), 3);
  assert.equal(busiestProcessRequests(lanes, spans), null, 'one process: null');
});

test("connection placement: each connection's process, numbered from 0 by first connection", () => {
  const lanes: Lane[] = [
    { id: 0, name: 'client 2', kind: 'client', process: -1 },
    { id: 1, name: 'worker 3 · event loop', kind: 'loop', process: 3 },
    { id: 2, name: 'client 1', kind: 'client', process: -1 },
    { id: 3, name: 'worker 1 · event loop', kind: 'loop', process: 1 },
    { id: 4, name: 'worker 1 · executor 1', kind: 'executor', process: 1 },
    { id: 5, name: 'client 4', kind: 'client', process: -1 },
  ];
  // Connection 0 (lane 2) served by process 1 (its executor), connection 1 (lane 0) by process 3,
  // connection 3 (lane 5) by process 1; connection 2 sent nothing: process 0, the default.
  const spans = [
    ...[0, 4, Phase.block, 0, 10],
    ...[1, 1, Phase.block, 0, 10],
    ...[2, 3, Phase.block, 0, 10],
    ...[3, 4, Phase.block, 20, 30],
  ];
  const requests = [
    { id: 0, conn: 2 },
    { id: 1, conn: 0 },
    { id: 2, conn: 5 },
    { id: 3, conn: 2 },
  ];
  assert.deepEqual(connectionPlacement(lanes, spans, requests), [0, 1, 0, 0]);
  assert.equal(connectionPlacement(lanes, [], requests), null, 'no request reached a process');
});

/**
 * The executor's queue disciplines, driven directly: which thread starts each task, in what
 * order queued tasks run, and who waits for whom. This is exactly what the lanes view draws.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createExecutorQueue, executorThreadCount } from '../../../../main/engine/executor/queues.ts';

const task = (n: number, req: number) => ({ task: n, req });

test('one-thread: every task of every request on thread 0, one at a time, first in first out', () => {
  const q = createExecutorQueue('one-thread', 1);
  assert.equal(q.submit(task(1, 10)), 0, 'an idle thread starts the first at once');
  assert.equal(q.submit(task(2, 11)), undefined, 'the second waits, though it is another request');
  assert.equal(q.submit(task(3, 10)), undefined);
  assert.deepEqual(q.next(0), task(2, 11), 'then in submission order');
  assert.deepEqual(q.next(0), task(3, 10));
  assert.equal(q.next(0), undefined, 'nothing left: the thread goes idle');
  assert.equal(q.submit(task(4, 12)), 0, 'an idle thread starts the next at once');
});

test("per-request: a request's tasks queue on its own thread; other requests never wait for it", () => {
  const q = createExecutorQueue('per-request', 3);
  // Request 10 gathers two offloads: one thread, one after the other.
  const a = q.submit(task(1, 10));
  assert.notEqual(a, undefined);
  assert.equal(q.submit(task(2, 10)), undefined, "the request's second task waits for its first");
  // Request 11 arrives meanwhile: a thread of its own, started at once.
  const b = q.submit(task(3, 11));
  assert.notEqual(b, undefined);
  assert.notEqual(b, a);
  assert.deepEqual(q.next(a!), task(2, 10), "the first done, its thread takes the request's second");
  assert.equal(q.next(a!), undefined);
  // Request 10 answered: its thread is free for a new request, while 11 keeps its own.
  q.requestDone(10);
  assert.equal(q.submit(task(4, 12)), a, 'the freed thread serves the next request');
  assert.equal(q.submit(task(5, 11)), undefined, "request 11's next task still waits on its own busy thread");
  assert.deepEqual(q.next(b!), task(5, 11));
});

test('per-request: one thread per request in flight; a fourth request on three threads is a bug, said so', () => {
  const q = createExecutorQueue('per-request', 3);
  const threads = [10, 11, 12].map((req, i) => q.submit(task(i, req)));
  assert.deepEqual([...threads].sort(), [0, 1, 2], 'three requests, three different threads');
  assert.throws(() => q.submit(task(9, 13)), /no free thread/);
  // Request 12's task ends (its thread has nothing queued), then the request is answered.
  assert.equal(q.next(threads[2]!), undefined);
  q.requestDone(12);
  assert.equal(q.submit(task(9, 13)), threads[2], 'once one is answered, its thread is free');
});

test('pool: idle threads start tasks at once; the rest wait in one queue, first in first out across requests', () => {
  const q = createExecutorQueue('pool', 2);
  const t1 = q.submit(task(1, 10));
  const t2 = q.submit(task(2, 10));
  assert.deepEqual([t1, t2].sort(), [0, 1], "a request's two tasks run on two threads at once");
  assert.equal(q.submit(task(3, 11)), undefined);
  assert.equal(q.submit(task(4, 10)), undefined);
  assert.equal(q.submit(task(5, 12)), undefined);
  // Whichever thread frees first takes the oldest waiting task, whatever its request.
  assert.deepEqual(q.next(t2!), task(3, 11));
  assert.deepEqual(q.next(t1!), task(4, 10));
  assert.deepEqual(q.next(t2!), task(5, 12));
  assert.equal(q.next(t1!), undefined);
  assert.equal(q.next(t2!), undefined);
  // Both idle again: two more start at once.
  assert.notEqual(q.submit(task(6, 13)), undefined);
  assert.notEqual(q.submit(task(7, 13)), undefined);
  assert.equal(q.submit(task(8, 13)), undefined);
});

test('threads each discipline starts', () => {
  assert.equal(executorThreadCount('one-thread', 8, 50), 1);
  assert.equal(executorThreadCount('pool', 8, 50), 8);
  assert.equal(executorThreadCount('per-request', 8, 50), 50, 'one per request that can be in flight');
});

test('one-thread, a sync middleware: the holder keeps the thread, its own tasks run there, others wait', () => {
  const q = createExecutorQueue('one-thread', 1);
  const hold = (n: number, req: number) => ({ task: n, req, hold: true });
  assert.equal(q.submit(hold(1, 10)), 0, 'request 10 takes the idle thread');
  assert.equal(q.submit(hold(2, 11)), undefined, 'request 11 waits for it');
  assert.equal(q.submit(task(3, 12)), undefined, "another request's task waits too");
  assert.equal(q.submit(task(4, 10)), 0, "the holder's own offload runs on its thread at once");
  assert.equal(q.next(0), undefined, 'done: nothing else may run while 10 holds it');
  assert.equal(q.release(10), 0, 'released while idle: the thread can start what waited');
  assert.deepEqual(q.next(0), hold(2, 11), 'the first in line, request 11, takes it');
  assert.equal(q.next(0), undefined, 'and holds it: request 12 still waits');
  assert.equal(q.release(11), 0);
  assert.deepEqual(q.next(0), task(3, 12));
  assert.equal(q.release(99), undefined, 'a request holding nothing releases nothing');
});

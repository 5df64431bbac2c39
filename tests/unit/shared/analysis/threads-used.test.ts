/**
 * `threadsUsed`, by hand: which server threads served at least one request.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { threadsUsed } from '../../../../shared/analysis/summary.ts';
import { Phase, type Lane } from '../../../../shared/trace.ts';

const loop: Lane = { id: 0, name: 'event loop', kind: 'loop', process: 0 };
const executors: Lane[] = [1, 2, 3, 4].map((id) => ({ id, name: `executor ${id}`, kind: 'executor', process: 0 }));
const client: Lane = { id: 5, name: 'client 1', kind: 'client', process: -1 };
const lanes = [loop, ...executors, client];
const accepted = [{ accepted: 10 }, { accepted: 20 }];
/** Packed spans: request, lane, phase, start, end. */
const span = (req: number, lane: number, phase: number) => [req, lane, phase, 0, 1];

test('a sync view on a pool of 4: the loop counts with or without a span of its own', () => {
  // Four requests, one on each executor thread; the client connection's span does not count.
  const executorSpans = [1, 2, 3, 4].flatMap((lane) => span(lane, lane, Phase.running));
  const clientSpan = span(1, 5, Phase.client);
  // Interpreter lock off: the loop recorded nothing. 1 loop + 4 executors = 5.
  assert.equal(threadsUsed(lanes, [...executorSpans, ...clientSpan], accepted), 5);
  // Lock on: the loop waited for it once and recorded a `gil` span. Still 1 + 4 = 5.
  assert.equal(threadsUsed(lanes, [...executorSpans, ...span(1, 0, Phase.gil), ...clientSpan], accepted), 5);
});

test('threads never given work do not count', () => {
  // Two requests on a pool of 4: the loop and executors 1 and 3. 1 + 2 = 3.
  assert.equal(threadsUsed(lanes, [...span(1, 1, Phase.running), ...span(2, 3, Phase.running)], accepted), 3);
});

test('the loop counts only once a request reached the server', () => {
  // Every request refused before the server read it: nothing served anything.
  assert.equal(threadsUsed(lanes, [], [{ accepted: null }, { accepted: null }]), 0);
  // One of them accepted: the loop served it.
  assert.equal(threadsUsed(lanes, [], [{ accepted: null }, { accepted: 5 }]), 1);
});

test('sync workers: the workers that recorded a span (there is no loop lane)', () => {
  const workers: Lane[] = [0, 1, 2].map((id) => ({ id, name: `worker ${id + 1}`, kind: 'worker', process: id + 1 }));
  // Three requests, two on worker 1 and one on worker 3: 2 workers.
  const spans = [...span(1, 0, Phase.running), ...span(2, 0, Phase.running), ...span(3, 2, Phase.queued)];
  assert.equal(threadsUsed(workers, spans, accepted), 2);
});

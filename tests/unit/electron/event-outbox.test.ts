import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEventOutbox } from '../../../main/electron/event-outbox.ts';

function recording(limit?: number) {
  const delivered: [string, unknown][] = [];
  const outbox = createEventOutbox((name, payload) => delivered.push([name, payload]), limit);
  return { delivered, outbox };
}

test('events wait for ready, then flow in order, then go straight through', () => {
  const { delivered, outbox } = recording();
  outbox.push('notice', { level: 'warning', text: 'store moved aside' });
  outbox.push('run', 1);
  assert.equal(delivered.length, 0);
  assert.equal(outbox.queued, 2);
  outbox.ready();
  outbox.push('run', 2);
  assert.deepEqual(
    delivered.map(([name, payload]) => (name === 'notice' ? name : payload)),
    ['notice', 1, 2],
  );
  assert.equal(outbox.queued, 0);
});

test('a reload holds events again until the page is ready again', () => {
  const { delivered, outbox } = recording();
  outbox.ready();
  outbox.push('run', 1);
  outbox.reset();
  outbox.push('run', 2);
  assert.deepEqual(delivered, [['run', 1]]);
  outbox.ready();
  assert.deepEqual(delivered, [
    ['run', 1],
    ['run', 2],
  ]);
});

test('the queue is bounded: the oldest are dropped and the page is told how many', () => {
  const { delivered, outbox } = recording(3);
  for (let i = 1; i <= 5; i++) outbox.push('run', i);
  assert.equal(outbox.queued, 3);
  outbox.ready();
  assert.deepEqual(delivered[0], [
    'notice',
    { level: 'warning', text: '2 earlier events were dropped while the window was loading.' },
  ]);
  assert.deepEqual(
    delivered.slice(1).map(([, payload]) => payload),
    [3, 4, 5],
  );
});

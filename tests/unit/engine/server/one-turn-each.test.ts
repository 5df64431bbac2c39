import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oneTurnEach } from '../../../../main/engine/server/one-turn-each.ts';

const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

test('tasks run in the order pushed, one a turn: the loop comes round between two of them', async () => {
  const order: string[] = [];
  const queue = oneTurnEach();
  await new Promise<void>((done) => {
    queue.push(() => {
      order.push('A');
      // Due by the time A returns: a timer runs on the next turn, before the next task.
      setTimeout(() => order.push('timer'), 1);
      busyFor(5);
    });
    queue.push(() => {
      order.push('B');
      queue.push(() => {
        order.push('D');
        done();
      });
    });
    queue.push(() => order.push('C'));
  });
  assert.deepEqual(order, ['A', 'timer', 'B', 'C', 'D']);
});

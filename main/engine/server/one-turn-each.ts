/**
 * A first-in, first-out queue of tasks, one task a turn of the event loop: a task queued while
 * another runs waits for the loop to poll its sockets first (a setImmediate queued inside an
 * immediate runs on the next turn, after the poll phase). So work that arrives while a task
 * blocks the loop is read before the next task runs, and queues behind those already waiting,
 * as asyncio's ready queue orders tasks whose first step awaits.
 */
export interface TurnQueue {
  push(task: () => void): void;
}

export function oneTurnEach(): TurnQueue {
  const queue: (() => void)[] = [];
  let head = 0;
  let scheduled = false;
  const runOne = () => {
    scheduled = false;
    const task = queue[head++];
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    } else {
      // Under a backlog that never drains, drop the tasks already run now and then.
      if (head >= 1024) {
        queue.splice(0, head);
        head = 0;
      }
      schedule();
    }
    task();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(runOne);
  };
  const push = (task: () => void) => {
    queue.push(task);
    schedule();
  };
  return { push };
}

/**
 * Events for the window, held until its page says it is ready.
 *
 * The app emits from the moment it opens (a notice that a damaged store was moved aside, run
 * events) while the window is still loading, and again while it reloads; `webContents.send` to a
 * page that is not listening loses them. So events wait here until `ready()`, and `reset()` (a
 * reload, a crashed renderer) starts waiting again. Bounded: a page that never gets ready must
 * not grow the queue forever; the oldest events go first and the page is told how many.
 */
import type { BridgeEventName } from '../../shared/bridge.ts';

export interface EventOutbox {
  push(name: BridgeEventName, payload: unknown): void;
  /** The page listens: deliver what waited, then deliver directly. */
  ready(): void;
  /** The page is gone or reloading: queue again. */
  reset(): void;
  readonly queued: number;
}

const DEFAULT_OUTBOX_LIMIT = 10_000;

export function createEventOutbox(
  deliver: (name: BridgeEventName, payload: unknown) => void,
  limit = DEFAULT_OUTBOX_LIMIT,
): EventOutbox {
  let queue: [BridgeEventName, unknown][] = [];
  let isReady = false;
  let dropped = 0;

  return {
    push(name, payload) {
      if (isReady) return deliver(name, payload);
      queue.push([name, payload]);
      if (queue.length > limit) {
        queue.shift();
        dropped++;
      }
    },
    ready() {
      const waiting = queue;
      queue = [];
      isReady = true;
      if (dropped > 0) {
        deliver('notice', {
          level: 'warning',
          text: `${dropped} earlier event${dropped === 1 ? ' was' : 's were'} dropped while the window was loading.`,
        });
        dropped = 0;
      }
      for (const [name, payload] of waiting) deliver(name, payload);
    },
    reset() {
      isReady = false;
    },
    get queued() {
      return queue.length;
    },
  };
}

/** What the two interpreter-lock contenders (gil-contender.worker.ts) share with gil.test.ts. */

/** What a thread logs. */
export const EV = {
  acquired: 1,
  asking: 2,
  dropSeen: 3,
  yielded: 4,
  reacquired: 5,
  released: 6,
} as const;

/** Board slots: flags one thread raises for the other, and counters the test reads. */
export const BOARD = {
  aHolds: 0,
  /** A: slices it computed alone (before raising aHolds), and drop requests it saw meanwhile. */
  aAloneSlices: 2,
  aAloneDrops: 3,
  /** B: 1 if a drop request was pending the moment it took the lock. */
  bDropAtTake: 5,
  /** B: drop requests seen over slices computed with nobody waiting. */
  bDropsWhileAlone: 6,
  /** B: whether acquire() said it had to wait. */
  bWaited: 7,
  /** A: whether its second acquire() had to wait. */
  aWaitedAgain: 8,
} as const;

export const LOG_SIZE = 64;

export interface ContenderData {
  scenario: 'switch' | 'cleared' | 'hand-over';
  role: 'A' | 'B';
  gil: Int32Array;
  board: Int32Array;
  /** [0] = events so far; then (role << 8 | event) per event. */
  events: Int32Array;
  /** Monotonic ms per event, same index as events[1 + i]. */
  times: Float64Array;
}

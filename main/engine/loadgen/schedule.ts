/**
 * When the load generator sends: a window (the measured run, or an unrecorded rehearsal) that
 * hands out request ids until its count or duration is reached, and the open model's arrivals on
 * a schedule. Kept apart from the thread so a spare can rehearse the very same code before it
 * has a run (loadgen.worker.ts): the JIT then has the schedule compiled when the run starts.
 */
import type { Micros } from '../../../shared/trace.ts';

/** A stretch of sending: the measured run, or an unrecorded rehearsal before it. */
export interface Window {
  startedAt: Micros;
  countLimit: number;
  durationMs: number;
  /** Requests claimed so far; the next request's id. */
  sent: number;
  /** A rehearsal's requests go to the warm-up path, which runs no view, and are not kept. */
  recorded: boolean;
}

/** Is the window over for an arrival at `at`? */
export function isOver(w: Window, at: Micros, stopped: boolean): boolean {
  return stopped || w.sent >= w.countLimit || (at - w.startedAt) / 1000 >= w.durationMs;
}

/** May another request start at `at`? Claims its id if so, else returns -1. */
export function claim(w: Window, at: Micros, stopped: boolean): number {
  return isOver(w, at, stopped) ? -1 : w.sent++;
}

/** What the open model's arrivals need from the thread that sends them. */
export interface Arrivals {
  now: () => Micros;
  /** Milliseconds to the next arrival. */
  gap: () => number;
  maxInFlight: number;
  inFlight: () => number;
  stopped: () => boolean;
  /** Send request `id` on connection `conn`; resolves when it is done. */
  send: (id: number, conn: number, intended: Micros) => Promise<void>;
  /** Connections open and idle, taken from the end; a request that finds none opens `opened++`. */
  idle: number[];
  opened: number;
}

/**
 * Arrivals on the schedule whatever the server does; one that finds `maxInFlight` out waits in a
 * backlog, its intended time kept (no coordinated omission). Resolves when all sent are done.
 */
export async function runOpen(w: Window, a: Arrivals): Promise<void> {
  const backlog: { id: number; intended: Micros }[] = [];
  const running: Promise<void>[] = [];
  let nextAt = w.startedAt;
  const launch = (id: number, intended: Micros) => {
    const conn = a.idle.pop() ?? a.opened++;
    const p = a.send(id, conn, intended).then(() => {
      a.idle.push(conn);
      const waiting = backlog.shift();
      if (waiting && !a.stopped()) launch(waiting.id, waiting.intended);
    });
    running.push(p);
  };
  await new Promise<void>((resolve) => {
    const fire = () => {
      // Send every arrival that is due; a late timer must not thin out the schedule.
      while (!a.stopped() && a.now() >= nextAt) {
        const id = claim(w, nextAt, a.stopped());
        if (id === -1) return resolve();
        if (a.inFlight() < a.maxInFlight) launch(id, nextAt);
        else backlog.push({ id, intended: nextAt });
        nextAt += a.gap() * 1000;
      }
      // Done as soon as the last arrival is out, not at the next one (10 s away at 0.1 req/s).
      if (isOver(w, nextAt, a.stopped())) return resolve();
      const waitMs = (nextAt - a.now()) / 1000;
      // Sleep on a timer until ~1 ms before the arrival, then spin on setImmediate for accuracy.
      if (waitMs > 1.5) setTimeout(fire, waitMs - 1.2);
      else setImmediate(fire);
    };
    fire();
  });
  // Wait for everything sent to finish; a finishing request may launch one from the backlog,
  // which joins `running`, so drain until nothing new appears.
  while (running.length > 0) await Promise.allSettled(running.splice(0));
}

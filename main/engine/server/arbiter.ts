/**
 * gunicorn's arbiter as a schedule, in model time (µs), with no timers of its own so its
 * arithmetic can be tested by hand. As gunicorn 26's does:
 *
 * - it wakes every second (`wait_for_signals(timeout=1.0)`), and at once when a worker exits
 *   (SIGCHLD), counting its next second from that wake;
 * - at each wake it aborts (SIGABRT, "WORKER TIMEOUT") every worker that has not checked in for
 *   longer than `--timeout`. A sync worker checks in just before it accepts a connection and not
 *   again until it is done, so a request is aborted at the first wake more than `--timeout` after
 *   its worker took it: between the timeout and a second later;
 * - the aborted worker answers its request with a 500 and exits; at the wake its exit causes the
 *   arbiter forks a replacement for each worker gone, pausing `0.1 × random()` s after each fork
 *   (spawn_workers), and counts its next second from the end of those pauses. A replacement
 *   accepts once it has booted (imported Django and the project). Whether a replacement's
 *   request is aborted one second or two after it took it is that race between its boot and the
 *   arbiter's pauses: the random pause, drawn from the run's seed, keeps both outcomes.
 *
 * The durations are shared/worker-timeout.ts's (the bound charges them too).
 */
import type { Micros } from '../../../shared/trace.ts';
import { ARBITER_WAKE_MS, SPAWN_PAUSE_MAX_MS, WORKER_BOOT_MS, WORKER_EXIT_MS } from '../../../shared/worker-timeout.ts';

export const ARBITER_WAKE_US = ARBITER_WAKE_MS * 1000;
export const SPAWN_PAUSE_MAX_US = SPAWN_PAUSE_MAX_MS * 1000;
export const WORKER_EXIT_US = WORKER_EXIT_MS * 1000;
export const WORKER_BOOT_US = WORKER_BOOT_MS * 1000;

/** What the arbiter did at one wake. */
export interface ArbiterWake {
  /** Workers aborted (WORKER TIMEOUT) now. */
  aborted: number[];
  /** Replacements forked now for workers aborted before, and when each can accept. */
  replaced: { worker: number; readyAt: Micros }[];
}

export class ArbiterSchedule {
  /** When each busy worker last checked in (it took its request then). */
  private readonly checkedIn = new Map<number, Micros>();
  /** Aborted workers whose exit the arbiter has yet to see. */
  private exiting: number[] = [];
  private next: Micros;

  /** `startedAt`: the arbiter's start; its first look comes a second after. `random` in [0, 1). */
  constructor(
    private readonly timeoutUs: Micros,
    startedAt: Micros,
    private readonly random: () => number,
  ) {
    this.next = startedAt + ARBITER_WAKE_US;
  }

  /** When the arbiter next looks at its workers. */
  get nextWake(): Micros {
    return this.next;
  }

  /** A worker took a request (it checked in just before). */
  took(worker: number, at: Micros): void {
    this.checkedIn.set(worker, at);
  }

  /** A worker is done with its request: while idle it checks in every half timeout, never late. */
  freed(worker: number): void {
    this.checkedIn.delete(worker);
  }

  /**
   * The arbiter wakes at `now`. As gunicorn's main loop: it reaps the workers that exited, aborts
   * the ones past their timeout, forks the replacements, and waits again (a second, or until the
   * exit of a worker it aborted).
   */
  wake(now: Micros): ArbiterWake {
    const aborted = [...this.checkedIn].filter(([, at]) => now - at > this.timeoutUs).map(([w]) => w);
    for (const w of aborted) this.checkedIn.delete(w);
    let t = now;
    const replaced = this.exiting.map((worker) => {
      const readyAt = t + WORKER_BOOT_US;
      t += SPAWN_PAUSE_MAX_US * this.random();
      return { worker, readyAt };
    });
    this.exiting = aborted;
    this.next = aborted.length > 0 ? Math.max(t, now + WORKER_EXIT_US) : t + ARBITER_WAKE_US;
    return { aborted, replaced };
  }
}

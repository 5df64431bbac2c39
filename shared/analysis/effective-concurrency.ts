/**
 * How many requests an endpoint really works on at once, from a closed-load step's throughput and
 * latency, by Little's law (L = X × W) applied to two boundaries:
 *
 * - the whole loop: X(N) × mean latency is the number of requests in the system, queued or being
 *   served. Under a closed load without think time every user always has one request out, so this
 *   is N by construction; it is kept as a check on the data: well below N means the users were not
 *   all busy (a short step dominated by its ramp, a load generator that could not keep up).
 * - the service alone: X(N) × S, with S the latency of one request on its own (the 1-user step),
 *   is the number of requests being served at once, the rest waiting (the utilisation law). Four
 *   sync workers give 4 whatever N; a blocked event loop gives 1; `await` gives about N.
 *
 * The second is what a sweep is for; the first is why "X × mean latency" alone cannot tell a
 * blocked loop from free overlap on a closed load.
 */

/** One closed-load step of a sweep, as measured. */
export interface MeasuredStep {
  /** Virtual users (closed load, no think time): requests kept in flight. */
  users: number;
  /** Requests that finished (answered or failed) in the step. */
  completed: number;
  /** Of those, the ones with no response or a status of 400 or more. */
  errors: number;
  /** Successful responses a second over the step's makespan. */
  throughputRps: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
}

/** Little's law at one step: both boundaries, and each as a share of the users. */
export interface StepConcurrency {
  users: number;
  /** X(N) × mean latency: requests in the system (≈ N on a closed load). */
  inSystem: number;
  /** inSystem / N: about 1 when every user was busy through the step. */
  inSystemPerUser: number;
  /** X(N) × single-request latency: requests being served at once. */
  inService: number;
  /** inService / N: 1 for free overlap, 1/N for one at a time. */
  inServicePerUser: number;
}

/** Little's law: requests at once = throughput (req/s) × time each spends (ms) / 1000. */
export function littlesLaw(throughputRps: number, ms: number): number {
  const l = (throughputRps * ms) / 1000;
  return Number.isFinite(l) && l > 0 ? l : 0;
}

/** Both counts for one step, given the latency of a request served alone (`serviceMs`). */
export function stepConcurrency(step: MeasuredStep, serviceMs: number): StepConcurrency {
  const inSystem = littlesLaw(step.throughputRps, step.meanMs);
  const inService = littlesLaw(step.throughputRps, serviceMs);
  const users = step.users > 0 ? step.users : 1;
  return {
    users: step.users,
    inSystem,
    inSystemPerUser: inSystem / users,
    inService,
    inServicePerUser: inService / users,
  };
}

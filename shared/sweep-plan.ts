/**
 * The steps of a sweep and the scenario each one runs: users doubling from `from` and ending
 * exactly at `to` (then 1 user again), a closed load without think time (so every user always has a request out and
 * Little's law reads the step directly), and enough requests for the step to pass its ramp.
 */
import { MAX_RUN_NAME_CHARS } from './limits.ts';
import type { Scenario } from './scenario.ts';
import { MAX_STEP_REQUESTS, type SweepProgress, type SweepRequest } from './sweep.ts';

/** Fewest requests a step asks for by default: the data check wants 10 that finished. */
export const MIN_DEFAULT_STEP_REQUESTS = 20;
/** Requests per user a step asks for by default: each user's first request is ramp-up. */
export const DEFAULT_REQUESTS_PER_USER = 5;

/**
 * Users of each step: from, 2·from, 4·from, … and `to`; then, when the sweep starts at 1 user and
 * has at least 3 steps, 1 user again. A request alone is what every step's requests in service
 * are measured against, and a machine busy with other work at the start (or at the end) slows
 * one of the two 1-user steps, not both: the analysis takes the faster (sweep-analysis.ts).
 */
export function sweepUsers(from: number, to: number): number[] {
  const users: number[] = [];
  for (let n = from; n < to; n *= 2) users.push(n);
  users.push(to);
  if (from === 1 && users.length >= 3) users.push(1);
  return users;
}

/** Requests a step of `users` asks for: the request's own number, or max(20, 5 × users). */
export function requestsForStep(request: Pick<SweepRequest, 'requestsPerStep'>, users: number): number {
  if (request.requestsPerStep !== null) return request.requestsPerStep;
  return Math.min(MAX_STEP_REQUESTS, Math.max(MIN_DEFAULT_STEP_REQUESTS, DEFAULT_REQUESTS_PER_USER * users));
}

/** The name of a step's run: "sweep 4 users · <scenario name>". */
export function stepRunName(scenarioName: string, users: number): string {
  return `sweep ${users} ${users === 1 ? 'user' : 'users'} · ${scenarioName}`.slice(0, MAX_RUN_NAME_CHARS);
}

/** The name of a sweep: "sweep · <scenario name>". */
export function sweepName(scenarioName: string): string {
  return `sweep · ${scenarioName}`.slice(0, MAX_RUN_NAME_CHARS);
}

/** The base scenario with a step's closed load; everything else (target, server, views, seed) is kept. */
export function stepScenario(base: Scenario, users: number, requests: number): Scenario {
  return {
    ...base,
    name: stepRunName(base.name, users),
    load: {
      ...base.load,
      model: 'closed',
      concurrency: users,
      thinkMs: 0,
      end: { kind: 'requests', count: requests },
    },
  };
}

/** "step 3 of 7: 4 users, 37/40 requests". */
export function describeSweepProgress(p: SweepProgress): string {
  const head = `step ${p.step} of ${p.of}: ${p.users} ${p.users === 1 ? 'user' : 'users'}`;
  if (p.phase === 'starting') return `${head}, starting`;
  return `${head}, ${p.done}${p.total !== null ? `/${p.total}` : ''} requests`;
}

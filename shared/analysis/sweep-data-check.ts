/**
 * Whether a sweep's steps can carry a verdict at all. A verdict read from failed requests, from a
 * handful of requests, or from throughput that jumps down and up again between steps would be a
 * guess dressed as a measurement; the sweep says which of these it saw instead.
 */
import { formatPercent, formatRps, plural } from './format.ts';
import type { MeasuredStep } from './effective-concurrency.ts';

/** Fewest different numbers of users a verdict is read from: a shape needs a rise and what follows it. */
export const MIN_VERDICT_STEPS = 3;
/** Fewest finished requests in each step. */
export const MIN_STEP_COMPLETED = 10;
/** Most failures in any step, as a share of its finished requests. */
export const MAX_STEP_ERROR_RATE = 0.05;
/**
 * A fall of more than this share from the best throughput so far, followed by a rise of as much
 * again, is noise: a server's throughput plateaus or falls past its limit, it does not zigzag.
 */
const NOISE_SWING = 0.25;

/** Why these steps (sorted by users) cannot support a verdict, as a clause; null when they can. */
export function whyNoVerdict(steps: readonly MeasuredStep[]): string | null {
  const distinct = new Set(steps.map((s) => s.users)).size;
  if (distinct < MIN_VERDICT_STEPS)
    return `a verdict needs steps at ${MIN_VERDICT_STEPS} or more numbers of users (1, 2 and 4, say); this sweep has ${distinct}`;
  for (const s of steps) {
    if (s.completed < MIN_STEP_COMPLETED)
      return `only ${plural(s.completed, 'request')} finished at ${plural(s.users, 'user')}; a verdict needs at least ${MIN_STEP_COMPLETED} a step (raise the requests per step or the time cap)`;
    const errorRate = s.errors / s.completed;
    if (errorRate > MAX_STEP_ERROR_RATE)
      return `${formatPercent(errorRate)} of the requests failed at ${plural(s.users, 'user')}; a verdict needs at most ${formatPercent(MAX_STEP_ERROR_RATE)} in every step`;
  }
  return zigzag(steps);
}

function zigzag(steps: readonly MeasuredStep[]): string | null {
  let best = steps[0];
  for (let j = 1; j < steps.length - 1; j++) {
    const dip = steps[j];
    if (dip.throughputRps < (1 - NOISE_SWING) * best.throughputRps) {
      const rise = steps.slice(j + 1).find((s) => s.throughputRps * (1 - NOISE_SWING) > dip.throughputRps);
      if (rise)
        return `throughput fell from ${formatRps(best.throughputRps)} (${plural(best.users, 'user')}) to ${formatRps(dip.throughputRps)} (${dip.users}) and rose again to ${formatRps(rise.throughputRps)} (${rise.users}): too noisy to read a shape (run it again with more requests per step, on a quieter machine)`;
    }
    if (dip.throughputRps > best.throughputRps) best = dip;
  }
  return null;
}

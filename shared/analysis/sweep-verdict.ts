/**
 * The sweep's verdict: one sentence saying what the endpoint behaves like, read from how many
 * requests it serves at once as the users double (effective-concurrency.ts), and the model's
 * preset that behaves the same way (shared/presets.ts), so the user can open it and tune it.
 *
 * The shapes, from the requests in service C(N) = X(N) × S:
 * - still growing at the top step (C rises at least as N^0.4 from the step before, both measured
 *   and on the fitted law, and is above 1.5): the requests overlap freely, like `await` in an
 *   async view (preset async-await);
 * - flat: a plateau at k = the mean of the steps within 15% of the highest C, rounded. k = 1 is a
 *   blocked event loop or one thread for everything (async-time-sleep); k ≥ 2 is k at a time,
 *   like k sync workers (sync-workers, with its workers set to k).
 * Throughput that falls again past its best (C at the top below 80% of the highest) adds the
 * fitted peak N* when it lies inside the sweep.
 */
import { formatMs, plural, sig } from './format.ts';
import type { StepConcurrency } from './effective-concurrency.ts';
import { uslThroughput, type UslFit } from './usl-fit.ts';

export const VERDICT_KINDS = ['one-at-a-time', 'plateau', 'free', 'cannot-say'] as const;
export type VerdictKind = (typeof VERDICT_KINDS)[number];

/** The preset that behaves like each shape (ids of shared/presets.ts). */
export const VERDICT_PRESETS = {
  'one-at-a-time': 'async-time-sleep',
  plateau: 'sync-workers',
  free: 'async-await',
} as const satisfies Record<Exclude<VerdictKind, 'cannot-say'>, string>;

/** Largest k still read as "like k sync workers" (more is a pool or a connection limit). */
export const MAX_WORKERS_LIKE = 32;
/** Growth exponent at the top step that counts as still growing (C ∝ N^0.4 or faster). */
const GROWING = 0.4;
/** Steps within this share of the highest C make up a plateau. */
const PLATEAU_BAND = 0.85;
/** C at the top below this share of the highest: throughput falls past its peak. */
const FALLING = 0.8;

export interface SweepVerdict {
  kind: VerdictKind;
  /** One sentence for people. */
  sentence: string;
  /** Requests served at once: k of a plateau, 1, or C at the top step when overlapping freely. */
  atOnce: number | null;
  /** The preset that behaves the same way; null when no verdict. */
  presetId: string | null;
  /** Latency of one request alone (the 1-user step's p50), ms. */
  singleRequestMs: number | null;
}

/** The latency of one request alone, as the verdict quotes it. */
export interface SingleRequest {
  p50Ms: number;
  /** True when there was no 1-user step and the latency is 1/λ of the fit. */
  estimated: boolean;
}

/** A verdict that declines, with the reason as a clause. */
export function cannotSay(reason: string, single: SingleRequest | null = null): SweepVerdict {
  return {
    kind: 'cannot-say',
    sentence: `Cannot say what this endpoint behaves like: ${reason}.`,
    atOnce: null,
    presetId: null,
    singleRequestMs: single?.p50Ms ?? null,
  };
}

/** The verdict for steps (sorted by users) that passed the data check. */
export function sweepVerdict(
  steps: readonly StepConcurrency[],
  single: SingleRequest,
  fit: UslFit | null,
): SweepVerdict {
  if (steps.length < 2) return cannotSay('a verdict needs at least 2 steps', single);
  const top = steps[steps.length - 1];
  const prev = steps[steps.length - 2];
  const highest = Math.max(...steps.map((s) => s.inService));
  if (!(highest > 0)) return cannotSay('no request succeeded', single);
  const alone = `each takes ${formatMs(single.p50Ms)} alone${single.estimated ? ' (estimated from the fit: the sweep did not start at 1 user)' : ''}`;
  const measuredGrowth = growth(prev.inService, top.inService, prev.users, top.users);
  // The fitted law smooths one noisy step: a plateau whose last step happens to jump is not growth.
  const fittedGrowth = fit
    ? growth(uslThroughput(fit, prev.users), uslThroughput(fit, top.users), prev.users, top.users)
    : measuredGrowth;
  if (measuredGrowth >= GROWING && fittedGrowth >= GROWING && top.inService >= 1.5)
    return {
      kind: 'free',
      sentence: `Overlaps freely up to ${plural(top.users, 'user')} (about ${sig(top.inService)} in service at ${top.users}) while ${alone}: non-blocking (like \`await\` in an async view).`,
      atOnce: top.inService,
      presetId: VERDICT_PRESETS.free,
      singleRequestMs: single.p50Ms,
    };
  const plateau = steps.filter((s) => s.inService >= PLATEAU_BAND * highest);
  const k = Math.max(1, Math.round(plateau.reduce((sum, s) => sum + s.inService, 0) / plateau.length));
  const falling = fallingPast(steps, highest, fit);
  if (k === 1)
    return {
      kind: 'one-at-a-time',
      sentence: `Serves about 1 request at a time while ${alone}: something blocks the event loop (like \`time.sleep\` in an async view) or everything runs on one thread (like Django 3.x's \`sync_to_async\`)${falling}.`,
      atOnce: 1,
      presetId: VERDICT_PRESETS['one-at-a-time'],
      singleRequestMs: single.p50Ms,
    };
  const like =
    k <= MAX_WORKERS_LIKE
      ? `like ${k} sync workers`
      : `a cap of about ${k} (a thread or connection pool, or that many workers)`;
  return {
    kind: 'plateau',
    sentence: `Serves about ${k} requests at a time while ${alone}: ${like}${falling}.`,
    atOnce: k,
    presetId: VERDICT_PRESETS.plateau,
    singleRequestMs: single.p50Ms,
  };
}

/** The exponent g of C ∝ N^g between two steps: 1 for free overlap, 0 for a plateau. */
function growth(fromValue: number, toValue: number, fromUsers: number, toUsers: number): number {
  if (!(fromValue > 0) || !(toValue > 0) || !(toUsers > fromUsers)) return 0;
  return Math.log(toValue / fromValue) / Math.log(toUsers / fromUsers);
}

function fallingPast(steps: readonly StepConcurrency[], highest: number, fit: UslFit | null): string {
  const top = steps[steps.length - 1];
  if (top.inService >= FALLING * highest) return '';
  const peak = fit?.peakUsers;
  if (peak != null && peak >= steps[0].users && peak <= top.users)
    return `; past about ${Math.round(peak)} users throughput falls again (contention)`;
  return '; throughput falls again at the top (contention)';
}

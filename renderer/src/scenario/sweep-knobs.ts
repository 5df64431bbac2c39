/**
 * "Open as a scenario" after a sweep: the knobs of the preset the verdict names, with the measured
 * latency of one request alone as its latency (the preset's main step) and, for "about k at a
 * time", k sync workers. Clamped to the sliders' limits, so what opens is always valid.
 */
import type { SweepVerdict } from '../../../shared/analysis/sweep-verdict.ts';
import { MAX_SWEEP_USERS } from '../../../shared/sweep.ts';
import { KNOB_LIMITS, type KnobLimit } from './knob-limits.ts';
import type { Knobs } from './knobs.ts';

/** A measured value brought within a slider's range. */
function clampToLimit(limit: KnobLimit, value: number): number {
  return Math.min(limit.max, Math.max(limit.min, value));
}

/** The preset's knobs (read from it) changed to what the sweep measured. */
export function knobsForVerdict(presetKnobs: Knobs, verdict: SweepVerdict): Knobs {
  const knobs = { ...presetKnobs };
  if (verdict.singleRequestMs !== null && verdict.singleRequestMs > 0)
    knobs.latencyMs = clampToLimit(KNOB_LIMITS.latencyMs, Math.round(verdict.singleRequestMs * 10) / 10);
  if (verdict.kind === 'plateau' && verdict.atOnce !== null)
    knobs.workers = clampToLimit(KNOB_LIMITS.workers, Math.round(verdict.atOnce));
  return knobs;
}

/**
 * What is wrong with the sweep's "to" field as typed, in the command line's words (its `--to`),
 * or null. Never rounded or brought into range: what was typed is what is refused.
 */
export function sweepToProblem(typed: string): string | null {
  const n = Number(typed);
  if (typed.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= MAX_SWEEP_USERS) return null;
  return `Sweep to is "${typed}"; allowed a whole number of users from 1 to ${MAX_SWEEP_USERS.toLocaleString('en-US')}`;
}

/**
 * "Open as a scenario" after a sweep: the knobs of the preset the verdict names, with the measured
 * latency of one request alone as its latency (the preset's main step) and, for "about k at a
 * time", k sync workers. Clamped to the sliders' limits, so what opens is always valid.
 */
import type { SweepVerdict } from '../../../shared/analysis/sweep-verdict.ts';
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

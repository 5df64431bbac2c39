/**
 * Limits of every slider, read from the scenario schemas themselves so the UI can never allow
 * what the host would refuse (or refuse what it allows). Sliders that span orders of magnitude
 * (1 ms to a minute, 1 to a million requests) move on a log scale; the number box beside each
 * accepts the schema's full range.
 */
import { MAX_STEP_MS, loadSchema, runEndSchema, serverSchema } from '../../../shared/scenario.ts';

export interface KnobLimit {
  min: number;
  max: number;
  /** Granularity of the number box. */
  step: number;
  /** Short unit after the number box; empty for counts the label already names. */
  unit: string;
  /** Log-scale sliders need a positive lower end; 0 stays reachable by typing or the far left. */
  scale: 'linear' | 'log';
}

interface NumberSchema {
  minValue: number | null;
  maxValue: number | null;
}

function range(schema: NumberSchema, step: number, unit: string, scale: KnobLimit['scale']): KnobLimit {
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER, step, unit, scale };
}

// The run-end union lists `requests` first, then `duration` (shared/scenario.ts).
const [requestsEnd, durationEnd] = runEndSchema.options;

export const KNOB_LIMITS = {
  latencyMs: { min: 0, max: MAX_STEP_MS, step: 0.1, unit: 'ms', scale: 'log' },
  cpuMs: { min: 0, max: MAX_STEP_MS, step: 0.1, unit: 'ms', scale: 'log' },
  blockingPercent: { min: 0, max: 100, step: 1, unit: '%', scale: 'linear' },
  workers: range(serverSchema.shape.workers.unwrap(), 1, '', 'linear'),
  poolThreads: range(serverSchema.shape.poolThreads.unwrap(), 1, '', 'linear'),
  concurrency: range(loadSchema.shape.concurrency.unwrap(), 1, '', 'log'),
  rateRps: range(loadSchema.shape.rateRps.unwrap(), 0.1, 'req/s', 'log'),
  requestCount: range(requestsEnd.shape.count, 1, '', 'log'),
  durationSeconds: range(durationEnd.shape.seconds, 0.1, 's', 'log'),
} as const satisfies Record<string, KnobLimit>;

export type KnobName = keyof typeof KNOB_LIMITS;

/** Slider position in [0, 1] for a value (log sliders put 0 and their minimum at the far left). */
export function positionOf(limit: KnobLimit, value: number): number {
  const v = Math.min(limit.max, Math.max(limit.min, value));
  if (limit.scale === 'linear') return (v - limit.min) / (limit.max - limit.min);
  const lo = Math.max(limit.min, limit.step);
  if (v <= lo) return 0;
  return Math.log(v / lo) / Math.log(limit.max / lo);
}

/** Value for a slider position in [0, 1], rounded to the knob's step and to 2–3 significant digits on log sliders. */
export function valueAt(limit: KnobLimit, position: number): number {
  const p = Math.min(1, Math.max(0, position));
  let v: number;
  if (limit.scale === 'linear') v = limit.min + p * (limit.max - limit.min);
  else {
    const lo = Math.max(limit.min, limit.step);
    if (p === 0) return limit.min;
    v = lo * Math.pow(limit.max / lo, p);
    const magnitude = Math.pow(10, Math.floor(Math.log10(v)) - 1);
    v = Math.round(v / magnitude) * magnitude;
  }
  v = Math.round(v / limit.step) * limit.step;
  return clampToLimit(limit, Number(v.toFixed(6)));
}

export function clampToLimit(limit: KnobLimit, value: number): number {
  return Math.min(limit.max, Math.max(limit.min, value));
}

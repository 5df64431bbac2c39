/**
 * Limits of every slider, read from the scenario schemas themselves so the UI can never allow
 * what the host would refuse (or refuse what it allows). Sliders that span orders of magnitude
 * (1 ms to a minute, 1 to a million requests) move on a log scale; the number box beside each
 * holds exactly what was typed, and the slider shows the position nearest to it.
 */
import { MAX_STEP_MS, loadSchema, runEndSchema, serverFieldsSchema } from '../../../shared/scenario.ts';

export interface KnobLimit {
  min: number;
  max: number;
  /** Granularity of the slider's values. */
  step: number;
  /** Short unit after the number box; empty for counts the label already names. */
  unit: string;
  scale: 'linear' | 'log';
  /**
   * Where a log scale's decades start. When `min` is below it (0 ms), the first LINEAR_HEAD of
   * the travel goes from `min` to here in even steps, so the far left is `min` itself.
   */
  logFrom?: number;
  /** Values marked (and labelled) under the slider: the decades of a log scale. */
  marks?: readonly number[];
}

interface NumberSchema {
  minValue: number | null;
  maxValue: number | null;
}

function range(schema: NumberSchema, step: number, unit: string, scale: KnobLimit['scale']): KnobLimit {
  const min = schema.minValue ?? 0;
  return {
    min,
    max: schema.maxValue ?? Number.MAX_SAFE_INTEGER,
    step,
    unit,
    scale,
    ...(scale === 'log' ? { logFrom: Math.max(min, step) } : {}),
  };
}

/** 1, 10, 100, … up to `max`: where a log scale's decades fall. */
function decades(from: number, max: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= max; v *= 10) out.push(v);
  return out;
}

// The run-end union lists `requests` first, then `duration` (shared/scenario.ts).
const [requestsEnd, durationEnd] = runEndSchema.options;

/**
 * Waits and CPU run from 0 to a minute. On a log scale from 0.1 ms the decade nobody uses
 * (0.1 to 1 ms) took a sixth of the travel; here 0 to 1 ms takes the first 2 % in even steps,
 * then each decade a fifth of the rest (1, 10, 100, 1,000 and 10,000 ms at 2 %, 22.5 %, 43 %,
 * 63.5 % and 84 %), and the marks say where they are.
 */
const MS_SCALE = { scale: 'log', logFrom: 1, marks: decades(1, MAX_STEP_MS) } as const;

export const KNOB_LIMITS = {
  latencyMs: { min: 0, max: MAX_STEP_MS, step: 0.1, unit: 'ms', ...MS_SCALE },
  cpuMs: { min: 0, max: MAX_STEP_MS, step: 0.1, unit: 'ms', ...MS_SCALE },
  blockingPercent: { min: 0, max: 100, step: 1, unit: '%', scale: 'linear' },
  workers: range(serverFieldsSchema.shape.workers.unwrap(), 1, '', 'linear'),
  threads: range(serverFieldsSchema.shape.threads.unwrap(), 1, '', 'linear'),
  poolThreads: range(serverFieldsSchema.shape.poolThreads.unwrap(), 1, '', 'linear'),
  dbConnectMs: {
    ...range(serverFieldsSchema.shape.dbConnectMs.unwrap(), 0.1, 'ms', 'log'),
    logFrom: 1,
    marks: decades(1, serverFieldsSchema.shape.dbConnectMs.unwrap().maxValue ?? 1),
  },
  dbMaxConnections: range(serverFieldsSchema.shape.dbMaxConnections.unwrap(), 1, '', 'log'),
  dbPool: range(serverFieldsSchema.shape.dbPool.unwrap(), 1, '', 'log'),
  concurrency: range(loadSchema.shape.concurrency.unwrap(), 1, '', 'log'),
  rateRps: range(loadSchema.shape.rateRps.unwrap(), 0.1, 'req/s', 'log'),
  requestCount: range(requestsEnd.shape.count, 1, '', 'log'),
  durationSeconds: range(durationEnd.shape.seconds, 0.1, 's', 'log'),
} as const satisfies Record<string, KnobLimit>;

export type KnobName = keyof typeof KNOB_LIMITS;

/** Positions of a slider: its travel in even steps (the value at each comes from valueAt). */
export const SLIDER_STEPS = 1000;

/** Share of a log slider's travel from `min` up to `logFrom`, when `min` is below it. */
export const LINEAR_HEAD = 0.02;

/** Where a log slider's decades start, and the share of the travel before them. */
function logScale(limit: KnobLimit): { lo: number; head: number } {
  const lo = limit.logFrom ?? Math.max(limit.min, limit.step);
  return { lo, head: limit.min < lo ? LINEAR_HEAD : 0 };
}

function clamp(limit: KnobLimit, value: number): number {
  return Math.min(limit.max, Math.max(limit.min, value));
}

/**
 * Slider position in [0, 1] for a value: the nearest position, so a typed value outside the
 * limits sits at the nearer end.
 */
export function positionOf(limit: KnobLimit, value: number): number {
  if (Number.isNaN(value)) return 0;
  const v = clamp(limit, value);
  if (limit.scale === 'linear') return (v - limit.min) / (limit.max - limit.min);
  const { lo, head } = logScale(limit);
  if (v <= lo) return head === 0 ? 0 : (head * (v - limit.min)) / (lo - limit.min);
  return head + ((1 - head) * Math.log(v / lo)) / Math.log(limit.max / lo);
}

/** Value for a slider position in [0, 1], rounded to the knob's step and to 2–3 significant digits on log sliders. */
export function valueAt(limit: KnobLimit, position: number): number {
  const p = Math.min(1, Math.max(0, position));
  let v: number;
  if (limit.scale === 'linear') v = limit.min + p * (limit.max - limit.min);
  else {
    const { lo, head } = logScale(limit);
    if (p === 0) return limit.min;
    if (p < head) v = limit.min + ((lo - limit.min) * p) / head;
    else {
      v = lo * Math.pow(limit.max / lo, (p - head) / (1 - head));
      const magnitude = Math.pow(10, Math.floor(Math.log10(v)) - 1);
      v = Math.round(v / magnitude) * magnitude;
    }
  }
  v = Math.round(v / limit.step) * limit.step;
  return clamp(limit, Number(v.toFixed(6)));
}

/**
 * The value an arrow key moves to from `value`: the nearest slider value strictly above
 * (`direction` 1) or below (-1), or `value` itself at the end. A position step alone is not
 * enough: on a log slider rounded to two digits, or a linear one of 64 workers over 1000
 * positions, the next position often has the same value, and the arrow keys stuck there.
 */
export function nextValue(limit: KnobLimit, value: number, direction: 1 | -1): number {
  let p = Math.round(positionOf(limit, value) * SLIDER_STEPS);
  for (;;) {
    p += direction;
    if (p < 0 || p > SLIDER_STEPS) return clamp(limit, value);
    const v = valueAt(limit, p / SLIDER_STEPS);
    if (direction > 0 ? v > value : v < value) return v;
  }
}

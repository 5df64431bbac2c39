/**
 * The number boxes hold exactly what was typed: "1e308", "5000", "150", "-50", even "abc". A
 * box is never rewritten, cut short or put back; what it holds is checked instead, and a value
 * that is not allowed is explained in the command line's words and keeps Run disabled.
 *
 * Each box belongs to one knob. Nine knobs are scenario fields (workers is `server.workers`),
 * so the scenario schema checks the typed value in place and says exactly what the command
 * line says for that field. Three are derived (latency scales every wait, CPU every cpu step,
 * the blocking share splits waits): applying a value the schema would refuse would scatter it
 * over several steps, so these are checked first, under their own names, by the same formatter.
 */
import { z } from 'zod';
import type { Knobs } from './knobs.ts';
import { KNOB_LIMITS, type KnobName } from './knob-limits.ts';

type NumberKnob = { [K in keyof Knobs]: Knobs[K] extends number ? K : never }[keyof Knobs];

export interface NumberKnobSpec {
  /** The knob the box sets. */
  knob: NumberKnob;
  /** The box shows the knob times this (the blocking share, 0..1, as a percentage). */
  factor: number;
  /** Where the value lands in the scenario, or null for a derived knob. */
  path: readonly string[] | null;
}

export const NUMBER_KNOBS: Readonly<Record<KnobName, NumberKnobSpec>> = {
  latencyMs: { knob: 'latencyMs', factor: 1, path: null },
  cpuMs: { knob: 'cpuMs', factor: 1, path: null },
  blockingPercent: { knob: 'blockingShare', factor: 100, path: null },
  workers: { knob: 'workers', factor: 1, path: ['server', 'workers'] },
  threads: { knob: 'threads', factor: 1, path: ['server', 'threads'] },
  poolThreads: { knob: 'poolThreads', factor: 1, path: ['server', 'poolThreads'] },
  dbConnectMs: { knob: 'dbConnectMs', factor: 1, path: ['server', 'dbConnectMs'] },
  dbMaxConnections: { knob: 'dbMaxConnections', factor: 1, path: ['server', 'dbMaxConnections'] },
  dbPool: { knob: 'dbPool', factor: 1, path: ['server', 'dbPool'] },
  concurrency: { knob: 'concurrency', factor: 1, path: ['load', 'concurrency'] },
  rateRps: { knob: 'rateRps', factor: 1, path: ['load', 'rateRps'] },
  requestCount: { knob: 'requestCount', factor: 1, path: ['load', 'end', 'count'] },
  durationSeconds: { knob: 'durationSeconds', factor: 1, path: ['load', 'end', 'seconds'] },
};

/** The name a box's messages use: its scenario field (`load.concurrency`), or the knob's own name. */
export function fieldOf(name: KnobName): string {
  return NUMBER_KNOBS[name].path?.join('.') ?? name;
}

/** What each box holds, for the boxes typed into since the knob was last set otherwise. */
export type TypedText = Partial<Record<KnobName, string>>;

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The number a box's text denotes, or null: a plain decimal with an optional exponent, spaces
 * around it and the box's own unit after it allowed ("150%", "250 ms"). Stricter than Number(),
 * which also reads "0x10", "Infinity" and "" (as 0).
 */
export function typedNumber(text: string, unit = ''): number | null {
  let t = text.trim();
  if (unit && t.toLowerCase().endsWith(unit.toLowerCase())) t = t.slice(0, -unit.length).trimEnd();
  if (!DECIMAL.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** What `name`'s box holds as validation sees it: the number, or the text itself when it is not one. */
export function typedValue(name: KnobName, text: string): number | string {
  return typedNumber(text, KNOB_LIMITS[name].unit) ?? text;
}

/** Knobs after typing `text` into `name`'s box: a number is applied as it is (allowed or not). */
export function knobsAfterTyping(knobs: Knobs, name: KnobName, text: string): Knobs {
  const n = typedNumber(text, KNOB_LIMITS[name].unit);
  const { knob, factor } = NUMBER_KNOBS[name];
  return n === null ? knobs : { ...knobs, [knob]: n / factor };
}

/** Typed text still in force after the knobs change otherwise (a slider, a preset): a box whose knob moved shows the knob again. */
export function typedAfterChange(typed: TypedText, before: Knobs, after: Knobs): TypedText {
  const kept: TypedText = {};
  for (const [name, text] of Object.entries(typed) as [KnobName, string][])
    if (before[NUMBER_KNOBS[name].knob] === after[NUMBER_KNOBS[name].knob]) kept[name] = text;
  return kept;
}

const limitSchema = (name: KnobName) => z.number().min(KNOB_LIMITS[name].min).max(KNOB_LIMITS[name].max);

/** The derived knobs' own limits, checked by the shared formatter so they read like the scenario's. */
export const derivedKnobSchema = z
  .object({
    latencyMs: limitSchema('latencyMs'),
    cpuMs: limitSchema('cpuMs'),
    blockingPercent: limitSchema('blockingPercent'),
  })
  .partial();

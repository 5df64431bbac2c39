/**
 * A concurrency sweep: the same scenario run as short closed-load steps at 1, 2, 4, … users, one
 * after another, to see how throughput and latency answer more users, and what the endpoint
 * behaves like (shared/analysis/sweep-analysis.ts).
 *
 * A sweep takes a base scenario and changes only its load and its name, so it works with any
 * target the scenario can name (the model, real Django, …): whatever can run can be swept. Each
 * step is an ordinary stored run; the sweep stores its steps' numbers and its analysis beside them.
 */
import { z } from 'zod';
import type { MeasuredStep } from './analysis/effective-concurrency.ts';
import type { SweepAnalysis } from './analysis/sweep-analysis.ts';
import { MAX_PER_REQUEST_THREADS, scenarioSchema } from './scenario.ts';
import type { RunStatus } from './trace.ts';

/** Most users a step may have: the per-request executor starts a thread per request in flight. */
export const MAX_SWEEP_USERS = MAX_PER_REQUEST_THREADS;
/** Most requests one step may ask for. */
export const MAX_STEP_REQUESTS = 100_000;
/** Longest time cap of one step, seconds. */
export const MAX_STEP_SECONDS = 600;

/** What a sweep is asked to do; every host validates with this schema. */
export const sweepRequestSchema = z
  .object({
    /** The base: its target, server and views are swept; its load is replaced step by step. */
    scenario: scenarioSchema,
    /** Users of the first step. */
    from: z.number().int().min(1).max(MAX_SWEEP_USERS).default(1),
    /** Users of the last step; the steps double from `from` and end exactly here. */
    to: z.number().int().min(1).max(MAX_SWEEP_USERS).default(64),
    /** Requests of every step; null: max(20, 5 × users), see requestsForStep. */
    requestsPerStep: z.number().int().min(1).max(MAX_STEP_REQUESTS).nullable().default(null),
    /** A step still going after this long is stopped, and its numbers are what finished. */
    stepSeconds: z.number().finite().min(1).max(MAX_STEP_SECONDS).default(30),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.from > r.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `is ${r.to}; allowed at least \`from\` (${r.from})` });
  });

export type SweepRequest = z.output<typeof sweepRequestSchema>;
export type SweepRequestInput = z.input<typeof sweepRequestSchema>;

/** One finished step: its run and the numbers the analysis reads. */
export interface SweepStep extends MeasuredStep {
  runId: number;
  /** The run's status: 'stopped' when the time cap (`capped`) or a user stopped it. */
  status: RunStatus;
  /** Requests the step asked for. */
  planned: number;
  /** The step reached the time cap and was stopped; its numbers are from what had finished. */
  capped: boolean;
}

/** A sweep as stored and as shown. */
export interface SweepResult {
  id: number;
  /** "sweep · <scenario name>". */
  name: string;
  /** 'running' while it goes; 'stopped' when stopped (the finished steps stay); 'interrupted' when its process died. */
  status: RunStatus;
  /** ISO 8601, when it started. */
  createdAt: string;
  error: string | null;
  request: SweepRequest;
  /** Users of every planned step, in order. */
  users: number[];
  /** The steps finished so far, in order. */
  steps: SweepStep[];
  analysis: SweepAnalysis;
}

/** One line of the sweep history. */
export interface SweepInfo {
  id: number;
  name: string;
  status: RunStatus;
  createdAt: string;
  /** Steps finished, of `planned`. */
  steps: number;
  planned: number;
  /** The verdict's sentence as it stands. */
  verdict: string;
}

/** Where a running sweep is: the step going on and its requests. */
export interface SweepProgress {
  sweepId: number;
  /** 1-based. */
  step: number;
  of: number;
  users: number;
  done: number;
  total: number | null;
  phase: 'starting' | 'running' | 'finishing';
}

/** Events of a sweep, in order: started, then progress and a `step` per finished step, then finished. */
export type SweepEvent =
  | { type: 'started'; sweep: SweepResult }
  | { type: 'progress'; progress: SweepProgress }
  | { type: 'step'; sweep: SweepResult }
  | { type: 'finished'; sweep: SweepResult };

/** The history line of a sweep. */
export function sweepInfo(sweep: SweepResult): SweepInfo {
  return {
    id: sweep.id,
    name: sweep.name,
    status: sweep.status,
    createdAt: sweep.createdAt,
    steps: sweep.steps.length,
    planned: sweep.users.length,
    verdict: sweep.analysis.verdict.sentence,
  };
}

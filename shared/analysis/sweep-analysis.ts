/**
 * A sweep's steps → everything said about them: requests in service per step, the Universal
 * Scalability Law fitted to the throughput, and the verdict (or why there is none).
 *
 * The latency of one request alone is the 1-user step's: its p50 is quoted, its mean is the
 * service time in X × S (a mean, because Little's law is about means). Without a 1-user step it
 * is 1/λ of the fit, and the verdict says so.
 */
import { stepConcurrency, type MeasuredStep, type StepConcurrency } from './effective-concurrency.ts';
import { whyNoVerdict } from './sweep-data-check.ts';
import { cannotSay, sweepVerdict, type SingleRequest, type SweepVerdict } from './sweep-verdict.ts';
import { fitUsl, type UslFit } from './usl-fit.ts';

export interface SweepAnalysis {
  /** The latency of one request alone; null when neither a 1-user step nor a fit gives one. */
  singleRequest: (SingleRequest & { meanMs: number }) | null;
  /** Per step, sorted by users; empty when there is no single-request latency to divide by. */
  steps: StepConcurrency[];
  fit: UslFit | null;
  verdict: SweepVerdict;
}

/** Analyses measured steps (any order; sorted by users here). */
export function analyseSweep(measured: readonly MeasuredStep[]): SweepAnalysis {
  const sorted = [...measured].sort((a, b) => a.users - b.users);
  const fit = fitUsl(sorted);
  const single = singleRequest(sorted, fit);
  const steps = single ? sorted.map((s) => stepConcurrency(s, single.meanMs)) : [];
  const problem = whyNoVerdict(sorted);
  let verdict: SweepVerdict;
  if (problem) verdict = cannotSay(problem, single);
  else if (!single) verdict = cannotSay('no step gives the latency of one request alone');
  else verdict = sweepVerdict(steps, single, fit);
  return { singleRequest: single, steps, fit, verdict };
}

function singleRequest(steps: readonly MeasuredStep[], fit: UslFit | null): SweepAnalysis['singleRequest'] {
  const one = steps.find((s) => s.users === 1 && s.completed > s.errors && s.meanMs > 0);
  if (one) return { p50Ms: one.p50Ms, meanMs: one.meanMs, estimated: false };
  if (fit && fit.lambda > 0) return { p50Ms: 1000 / fit.lambda, meanMs: 1000 / fit.lambda, estimated: true };
  return null;
}

/**
 * A sweep's steps → everything said about them: requests in service per step, the Universal
 * Scalability Law fitted to the throughput, and the verdict (or why there is none).
 *
 * The latency of one request alone is the 1-user step's: its p50 is quoted, its mean is the
 * service time S in X × S (a mean, because Little's law is about means). More users can only add
 * waiting to a request's latency, never take work away, so when another step's mean latency is
 * lower than the 1-user step's (a sweep measures 1 user at its start and again at its end), that
 * 1-user step was slowed by something else (a busy machine, a cold start) and the fastest step
 * stands in for it: a slow 1-user step would otherwise inflate every step's requests in service. Without a 1-user step the latency is 1/λ of the fit (a later
 * step's latency may be all queueing), and the verdict says so.
 */
import { stepConcurrency, type MeasuredStep, type StepConcurrency } from './effective-concurrency.ts';
import { whyNoVerdict } from './sweep-data-check.ts';
import { cannotSay, sweepVerdict, type SingleRequest, type SweepVerdict } from './sweep-verdict.ts';
import { fitUsl, type UslFit } from './usl-fit.ts';

export interface SweepAnalysis {
  /** The latency of one request alone; null when neither a 1-user step nor a fit gives one. */
  singleRequest: (SingleRequest & { meanMs: number }) | null;
  /** Per step, in the order given; empty when there is no single-request latency to divide by. */
  steps: StepConcurrency[];
  fit: UslFit | null;
  verdict: SweepVerdict;
}

/** Analyses measured steps, in the order they ran (the verdict reads them sorted by users). */
export function analyseSweep(measured: readonly MeasuredStep[]): SweepAnalysis {
  const sorted = [...measured].sort((a, b) => a.users - b.users);
  const fit = fitUsl(sorted);
  const single = singleRequest(sorted, fit);
  const steps = single ? measured.map((s) => stepConcurrency(s, single.meanMs)) : [];
  const problem = whyNoVerdict(sorted);
  let verdict: SweepVerdict;
  if (problem) verdict = cannotSay(problem, single);
  else if (!single) verdict = cannotSay('no step gives the latency of one request alone');
  else
    verdict = sweepVerdict(
      sorted.map((s) => stepConcurrency(s, single.meanMs)),
      single,
      fit,
    );
  return { singleRequest: single, steps, fit, verdict };
}

function singleRequest(steps: readonly MeasuredStep[], fit: UslFit | null): SweepAnalysis['singleRequest'] {
  const answered = steps.filter((s) => s.completed > s.errors && s.meanMs > 0);
  if (answered.some((s) => s.users === 1)) {
    const fastest = answered.reduce((best, s) => (s.meanMs < best.meanMs ? s : best));
    return { p50Ms: fastest.p50Ms, meanMs: fastest.meanMs, estimated: false };
  }
  if (fit && fit.lambda > 0) return { p50Ms: 1000 / fit.lambda, meanMs: 1000 / fit.lambda, estimated: true };
  return null;
}

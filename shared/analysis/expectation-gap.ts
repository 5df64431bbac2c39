/**
 * How a run compares with "What to expect", in words, when it misses by more than a fifth.
 *
 * "What to expect" is the theoretical bound of the scenario's steps (shared/bounds.ts): it
 * counts what the steps hold (the loop, workers, the lock, the database) and nothing else. A run
 * also pays for serving a request at all: parsing HTTP, the loop's and the load generator's own
 * work, thread hand-offs, all on the machine's cores. When the run is slower than the prediction,
 * that cost is what the prediction left out, and it can be measured: the time per request the
 * run took beyond the time per request the prediction allows. A run faster than the prediction
 * usually ended mid-wave (a duration run) or the model over-simplifies; that is said too.
 */
import type { Bound } from '../bounds.ts';
import type { RunSummary } from '../trace.ts';
import { formatMs, formatPercent, formatRps, plural } from './format.ts';

/** A run within this fraction of the prediction is "as expected" and gets no sentence. */
export const EXPECTATION_TOLERANCE = 0.2;

function missBy(measured: number, predicted: number): number {
  return Math.abs(measured - predicted) / predicted;
}

const comparable = (measured: number, predicted: number) =>
  predicted > 0 && measured > 0 && missBy(measured, predicted) > EXPECTATION_TOLERANCE;

function throughputSentence(summary: RunSummary, bound: Bound): string | null {
  if (summary.errors > 0) return answeredSentence(summary, bound);
  const predicted = bound.expected.throughputRps;
  const measured = summary.throughputRps;
  if (!comparable(measured, predicted)) return null;
  const head = `Throughput was ${formatRps(measured)}; What to expect said ${formatRps(predicted)}`;
  if (measured > predicted)
    return `${head} (${formatPercent(measured / predicted - 1)} more): the run likely ended mid-wave, or the model leaves out something this run did not pay.`;
  const perRequestMs = 1000 / measured;
  const allowedMs = 1000 / predicted;
  return (
    `${head} (${formatPercent(1 - measured / predicted)} less). The run finished a request every ` +
    `${formatMs(perRequestMs)}; the prediction needs one every ${formatMs(allowedMs)}. It counts only ` +
    `what the steps hold, so the other ${formatMs(perRequestMs - allowedMs)} per request is the cost of ` +
    `serving a request at all (HTTP parsing, the loop's and the load generator's own work, thread ` +
    `hand-offs) on ${plural(bound.cores, 'CPU core')}.`
  );
}

/**
 * With failures: the prediction counts every answer, failures too (a request aborted past
 * gunicorn's --timeout frees its worker as a served one does), while Successful throughput counts
 * only successes, so the run's answers per second are compared. A prediction with no time in it
 * (every request refused at once) has no rate to compare.
 */
function answeredSentence(summary: RunSummary, bound: Bound): string | null {
  if (!(bound.expected.p95LatencyMs > 0) || !(summary.makespanMs > 0)) return null;
  const predicted = bound.expected.throughputRps;
  const measured = summary.requests / (summary.makespanMs / 1000);
  if (!comparable(measured, predicted)) return null;
  const failed = `${summary.errors} of ${summary.requests} requests failed`;
  const head = `Requests were answered (failures included) at ${formatRps(measured)}; What to expect said ${formatRps(predicted)}`;
  return measured > predicted
    ? `${head} (${formatPercent(measured / predicted - 1)} more): ${failed}, and a refused request is answered sooner than its steps would take.`
    : `${head} (${formatPercent(1 - measured / predicted)} less): ${failed}; "What happened" says how.`;
}

function latencySentence(summary: RunSummary, bound: Bound): string | null {
  const predicted = bound.expected.p95LatencyMs;
  const measured = summary.p95Ms;
  if (!(predicted > 0) || !(measured > 0) || missBy(measured, predicted) <= EXPECTATION_TOLERANCE) return null;
  const head = `p95 latency was ${formatMs(measured)}; What to expect said ${formatMs(predicted)}`;
  if (measured < predicted)
    return `${head} (${formatPercent(1 - measured / predicted)} less): fewer requests queued than the model expects.`;
  return `${head} (${formatPercent(measured / predicted - 1)} more): requests waited longer than the steps alone explain; "What happened" says where their time went.`;
}

/**
 * Sentences for each headline number that misses the prediction by more than
 * EXPECTATION_TOLERANCE; empty when the run went as expected or there is nothing to compare.
 */
export function expectationGap(summary: RunSummary, bound: Bound): string[] {
  if (summary.requests === 0) return [];
  return [throughputSentence(summary, bound), latencySentence(summary, bound)].filter((s): s is string => s !== null);
}

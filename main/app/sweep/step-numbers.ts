/**
 * A finished step's run → the numbers the sweep's analysis reads. Normally the run's summary as it
 * was stored. A step stopped at its time cap is read again from its records without the requests
 * cut short by the stop ('run stopped'): those are the cap's doing, not failures of the endpoint,
 * and counting them would refuse a verdict for errors the server never made.
 */
import type { MeasuredStep } from '../../../shared/analysis/effective-concurrency.ts';
import { computeSummary } from '../../../shared/analysis/summary.ts';
import type { RunDocument } from '../../../shared/run.ts';
import type { RunSummary } from '../../../shared/trace.ts';

/** The error the load generator gives a request still in flight when its run is stopped. */
const CUT_BY_STOP = 'run stopped';

/** A step's numbers from a run summary. */
export function measuredFromSummary(users: number, summary: RunSummary): MeasuredStep {
  return {
    users,
    completed: summary.requests,
    errors: summary.errors,
    throughputRps: summary.throughputRps,
    meanMs: summary.meanMs,
    p50Ms: summary.p50Ms,
    p95Ms: summary.p95Ms,
  };
}

/** A capped step's numbers: its records without the requests the stop cut short. */
export function measuredWithoutCutRequests(users: number, doc: RunDocument): MeasuredStep {
  const requests = doc.requests.filter((r) => r.error !== CUT_BY_STOP);
  return measuredFromSummary(users, computeSummary({ ...doc, requests }));
}

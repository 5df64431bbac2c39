/**
 * Summaries stored or exported before `errorRate` existed counted failed responses in
 * `throughputRps`. Read back, those two numbers are recomputed from the run's own records
 * exactly as computeSummary computes them today; the rest stays as it was stored. (The run store
 * upgrades its stored summaries the same way, in SQL: main/store/migrations.ts, version 3.)
 */
import type { RequestRecord, RunSummary } from '../trace.ts';
import { outcomesOf } from './summary.ts';

/** A summary as older versions wrote it, or a current one. */
export type StoredSummary = Omit<RunSummary, 'errorRate'> & { errorRate?: number };

/** The summary with today's meaning of throughput and an error rate; a current one as it is. */
export function upgradeSummary(summary: StoredSummary, requests: readonly RequestRecord[]): RunSummary {
  if (summary.errorRate !== undefined) return summary as RunSummary;
  const { throughputRps, errorRate } = outcomesOf(requests);
  return { ...summary, throughputRps, errorRate };
}

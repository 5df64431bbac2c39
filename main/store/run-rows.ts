/**
 * Between the store's rows and the shared types: a `runs` row to a RunInfo, raw `requests`,
 * `spans` and `loop_samples` rows to the trace's records. Loading is the hot path (a run can
 * hold half a million spans), so trace rows are read raw (arrays, not objects) and spans as one
 * JSON string.
 */
import type { RunInfo } from '../../shared/run.ts';
import type { LoopSample, RequestRecord, RunStatus, RunSummary } from '../../shared/trace.ts';

export interface RunInfoRow {
  id: number;
  name: string;
  status: RunStatus;
  created_at: string;
  scenario_name: string | null;
  summary_json: string | null;
  recorded_requests: number;
  error: string | null;
  cores: number | null;
}

export function toRunInfo(row: RunInfoRow): RunInfo {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    createdAt: row.created_at,
    scenarioName: row.scenario_name ?? '',
    summary: row.summary_json === null ? null : (JSON.parse(row.summary_json) as RunSummary),
    recordedRequests: row.recorded_requests,
    error: row.error,
    cores: row.cores,
  };
}

/** The columns of a `requests` row after run_id, in table order. */
export function requestValues(r: RequestRecord): unknown[] {
  return [r.id, r.endpoint, r.intended, r.sent, r.accepted, r.responded, r.received, r.status, r.error, r.conn];
}

type RequestRow = [
  number,
  number,
  number,
  number,
  number | null,
  number | null,
  number | null,
  number,
  string | null,
  number,
];

export function toRequest(row: unknown[]): RequestRecord {
  const [id, endpoint, intended, sent, accepted, responded, received, status, error, conn] = row as RequestRow;
  return { id, endpoint, intended, sent, accepted, responded, received, status, error, conn };
}

export function toLoopSample(row: unknown[]): LoopSample {
  const [t, delayMs] = row as [number, number];
  return { t, delayMs };
}

/** Spans from the store's JSON list of numbers (null for a run without spans), packed. */
export function parseSpans(json: string | null): number[] {
  return json === null ? [] : (JSON.parse(`[${json}]`) as number[]);
}

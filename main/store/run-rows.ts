/**
 * Between the store's rows and the shared types: a `runs` row to a RunInfo, raw `requests`,
 * `spans` and `loop_samples` rows to the trace's records. Loading is the hot path (a run can
 * hold half a million spans), so trace rows are read raw (arrays, not objects) and spans as one
 * JSON string.
 */
import type { RunInfo } from '../../shared/run.ts';
import type { ServerTimingMetric } from '../../shared/server-timing.ts';
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

/** The columns of a `requests` row after run_id, in table order (absent instants and metrics: NULL). */
export function requestValues(r: RequestRecord): unknown[] {
  return [
    r.id,
    r.endpoint,
    r.intended,
    r.sent,
    r.accepted,
    r.responded,
    r.received,
    r.status,
    r.error,
    r.conn,
    r.connectStart ?? null,
    r.connectEnd ?? null,
    r.tlsEnd ?? null,
    r.requestStart ?? null,
    r.requestEnd ?? null,
    r.firstByte ?? null,
    r.serverTiming === undefined ? null : JSON.stringify(r.serverTiming),
    r.serverTimingDropped ?? null,
  ];
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
  ...(number | null)[],
];

/** The optional instants of a row, by column index, and the record field each fills. */
const INSTANTS = [
  [10, 'connectStart'],
  [11, 'connectEnd'],
  [12, 'tlsEnd'],
  [13, 'requestStart'],
  [14, 'requestEnd'],
  [15, 'firstByte'],
] as const;

export function toRequest(row: unknown[]): RequestRecord {
  const [id, endpoint, intended, sent, accepted, responded, received, status, error, conn] = row as RequestRow;
  const r: RequestRecord = { id, endpoint, intended, sent, accepted, responded, received, status, error, conn };
  // NULL stays absent, as it was in the record: a run reads back as it was written.
  for (const [column, field] of INSTANTS) if (row[column] !== null) r[field] = row[column] as number;
  if (row[16] !== null) r.serverTiming = JSON.parse(row[16] as string) as ServerTimingMetric[];
  if (row[17] !== null) r.serverTimingDropped = row[17] as number;
  return r;
}

export function toLoopSample(row: unknown[]): LoopSample {
  const [t, delayMs] = row as [number, number];
  return { t, delayMs };
}

/** Spans from the store's JSON list of numbers (null for a run without spans), packed. */
export function parseSpans(json: string | null): number[] {
  return json === null ? [] : (JSON.parse(`[${json}]`) as number[]);
}

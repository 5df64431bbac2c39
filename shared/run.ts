/**
 * A run as stored and as shown: its scenario, its status, its summary and its whole trace.
 * The JSON export is exactly a `RunDocument`, so importing it back shows the same run.
 */
import type { Scenario } from './scenario.ts';
import { MAX_RUN_NAME_CHARS } from './limits.ts';
import type { Lane, LoopSample, RequestRecord, RunStatus, RunSummary } from './trace.ts';

/** A run name, trimmed; throws a sentence when it is empty or longer than MAX_RUN_NAME_CHARS. */
export function checkRunName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > MAX_RUN_NAME_CHARS) {
    throw new Error(`a run name must be 1..${MAX_RUN_NAME_CHARS} characters after trimming; got ${trimmed.length}`);
  }
  return trimmed;
}

/** One line of the run history. */
export interface RunInfo {
  id: number;
  name: string;
  status: RunStatus;
  /** ISO 8601, when the run started. */
  createdAt: string;
  scenarioName: string;
  /** Null while running, or when a run was interrupted before it could finish. */
  summary: RunSummary | null;
  /** Requests recorded so far (useful for interrupted runs). */
  recordedRequests: number;
  error: string | null;
  /**
   * CPU cores of the machine that ran it (Node's `os.availableParallelism()`), which the
   * theoretical bound assumes when the run is shown or exported; null for runs stored or
   * exported before this was recorded (the bound then assumes the cores of the machine showing it).
   */
  cores: number | null;
}

/** Everything a run recorded. */
export interface RunDocument {
  format: 'interleave-run';
  version: 1;
  info: RunInfo;
  scenario: Scenario;
  lanes: Lane[];
  /** Packed spans, SPAN_STRIDE numbers each, sorted by start. */
  spans: number[];
  requests: RequestRecord[];
  loop: LoopSample[];
}

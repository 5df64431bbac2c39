/**
 * The analysis worker's wire protocol, both directions, in one place.
 *
 * The main thread sends a live run's records as they arrive (`append`, packed and transferred)
 * and, at most one at a time, asks for numbers (`compute`); the worker answers each `compute`
 * with one `result` holding only the small outputs. Every message names its run, so an answer
 * about a run no longer on screen is dropped rather than shown.
 */
import type { RunSummary } from '../../../shared/trace.ts';
import type { ChartSeries } from '../charts/chart-series.ts';
import type { PackedRecords } from './packed-records.ts';

export type ToAnalysisWorker =
  /** Forget every record: a new run begins. */
  | { type: 'reset'; runId: number }
  | { type: 'append'; runId: number; records: PackedRecords }
  | { type: 'compute'; runId: number; summary: boolean; series: boolean };

export interface AnalysisResult {
  type: 'result';
  runId: number;
  /** Requests and loop samples the numbers were computed from. */
  requests: number;
  loop: number;
  /** Null when not asked for. */
  summary: RunSummary | null;
  series: ChartSeries | null;
}

export type FromAnalysisWorker = AnalysisResult;

/**
 * The worker as its client sees it (analysis-port.ts makes one). Typed without DOM names, so
 * Node programs (the bench) can drive the client too.
 */
export interface AnalysisPort {
  postMessage(msg: ToAnalysisWorker, transfer: ArrayBuffer[]): void;
  onmessage: ((event: { data: FromAnalysisWorker }) => void) | null;
  /** The worker failed (it did not load, or threw): what it held and was asked is lost. */
  onfailure: ((reason: string) => void) | null;
  terminate(): void;
}

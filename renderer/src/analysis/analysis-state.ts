/**
 * What the analysis worker holds: its own copy of the live run's requests and loop samples,
 * appended to as batches arrive, and the shared analysis run over them on request. Kept apart
 * from the worker's message wiring so tests run it in-process, and so a host without workers
 * can run it on the main thread through the same protocol.
 */
import { computeSummary } from '../../../shared/analysis/summary.ts';
import type { LoopSample, RequestRecord } from '../../../shared/trace.ts';
import { chartSeries } from '../charts/chart-series.ts';
import type { AnalysisResult, ToAnalysisWorker } from './analysis-protocol.ts';
import { unpackRecordsInto } from './packed-records.ts';

/** Live numbers come from the records alone: spans only count threads, which no panel shows live. */
const NO_SPANS: number[] = [];

export class AnalysisState {
  private runId: number | null = null;
  private requests: RequestRecord[] = [];
  private loop: LoopSample[] = [];

  /** Applies one message; returns the answer to a `compute`, or null. */
  handle(msg: ToAnalysisWorker): AnalysisResult | null {
    if (msg.type === 'reset' || msg.runId !== this.runId) this.reset(msg.runId);
    if (msg.type === 'append') unpackRecordsInto(msg.records, this.requests, this.loop);
    if (msg.type !== 'compute') return null;
    const records = { lanes: [], spans: NO_SPANS, requests: this.requests, loop: this.loop };
    return {
      type: 'result',
      runId: msg.runId,
      requests: this.requests.length,
      loop: this.loop.length,
      summary: msg.summary ? computeSummary(records) : null,
      series: msg.series ? chartSeries(records) : null,
    };
  }

  private reset(runId: number): void {
    this.runId = runId;
    this.requests = [];
    this.loop = [];
  }
}

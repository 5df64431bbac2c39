/**
 * The live run's summary and chart series, computed in the analysis worker and kept here for
 * the panels.
 *
 * On each tick of the panel clock (4 Hz) while a run streams, the records that arrived since the
 * last tick go to the worker packed and transferred, and the worker is asked for the summary
 * (and, at the chart clock's pace, the five series). Only one computation is in flight: a tick
 * that finds the worker busy sends its records and skips its question, so a slow computation
 * is followed by the next tick's, never by a queue of stale ones. Answers land in `results`,
 * which the summary panel and the charts read through `subscribe` and `summaryOf`/`seriesOf`
 * (each stable until its own part is recomputed, so the charts skip the summary's answers).
 *
 * A finished or reopened run is not computed here: its summary is final and its series are
 * computed once on the main thread (run-charts.tsx), as they always were.
 */
import { computeSummary } from '../../../shared/analysis/summary.ts';
import type { RunSummary } from '../../../shared/trace.ts';
import { chartSeries, type ChartSeries } from '../charts/chart-series.ts';
import { CHART_INTERVAL_MS, type PanelClock } from '../state/panel-clock.ts';
import type { TraceStore } from '../state/trace-store.ts';
import type { AnalysisPort, FromAnalysisWorker } from './analysis-protocol.ts';
import { packRecords, transferables } from './packed-records.ts';

/** The latest numbers of the live run `runId`; null parts have not been computed yet. */
export interface LiveResults {
  runId: number | null;
  summary: RunSummary | null;
  series: ChartSeries | null;
}

const NO_RECORDS = { lanes: [], spans: [], requests: [], loop: [] };
/** What a live run shows before the worker's first answer: the numbers of no records. */
export const NO_SUMMARY: RunSummary = computeSummary(NO_RECORDS);
export const NO_SERIES: ChartSeries = chartSeries(NO_RECORDS);

/** The part of LiveAnalysis the panels read. */
export type LiveResultsSource = Pick<LiveAnalysis, 'subscribe' | 'summaryOf' | 'seriesOf'>;

const NO_RESULTS: LiveResults = { runId: null, summary: null, series: null };

export class LiveAnalysis {
  private port: AnalysisPort | null = null;
  private results: LiveResults = NO_RESULTS;
  private listeners = new Set<() => void>();
  /** The run the worker holds, and how many of its records were sent. */
  private runId: number | null = null;
  private sentRequests = 0;
  private sentLoop = 0;
  /** Record counts behind the current summary and series (-1: none yet). */
  private summaryAt = -1;
  private seriesAt = -1;
  private lastSeriesAsk = -Infinity;
  private busy = false;
  private unsubscribe: () => void;

  constructor(
    private readonly store: TraceStore,
    clock: PanelClock,
    /**
     * Called on the first live tick (analysis-port.ts: the worker, or in-process where there is
     * none), and with `true` after a failure, for a port on this thread.
     */
    private readonly openPort: (inProcess: boolean) => AnalysisPort,
    private readonly seriesIntervalMs = CHART_INTERVAL_MS,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.unsubscribe = clock.subscribe(() => this.tick());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Stable between answers, for useSyncExternalStore. */
  getResults = (): LiveResults => this.results;

  /** The latest summary of live run `runId`, or null; the same object until it is recomputed. */
  summaryOf(runId: number | null): RunSummary | null {
    return this.results.runId === runId ? this.results.summary : null;
  }

  /** The latest series of live run `runId`, or null; the same object until they are recomputed. */
  seriesOf(runId: number | null): ChartSeries | null {
    return this.results.runId === runId ? this.results.series : null;
  }

  /** Sends new records and, unless a computation is in flight, asks for what is out of date. */
  tick(): void {
    const runId = this.store.currentRunId;
    if (!this.store.isLive || runId === null) return;
    const port = (this.port ??= this.connect(false));
    if (runId !== this.runId) {
      this.runId = runId;
      this.sentRequests = this.sentLoop = 0;
      this.summaryAt = this.seriesAt = -1;
      this.lastSeriesAsk = -Infinity;
      this.busy = false;
      port.postMessage({ type: 'reset', runId }, []);
      this.publish({ runId, summary: null, series: null });
    }
    const { requests, loop } = this.store.recordsSince(this.sentRequests, this.sentLoop);
    if (requests.length || loop.length) {
      const records = packRecords(requests, loop);
      port.postMessage({ type: 'append', runId, records }, transferables(records));
      this.sentRequests += requests.length;
      this.sentLoop += loop.length;
    }
    if (this.busy) return;
    const count = this.sentRequests + this.sentLoop;
    const summary = count !== this.summaryAt;
    const series = count !== this.seriesAt && this.now() - this.lastSeriesAsk >= this.seriesIntervalMs;
    if (!summary && !series) return;
    if (series) this.lastSeriesAsk = this.now();
    this.busy = true;
    port.postMessage({ type: 'compute', runId, summary, series }, []);
  }

  dispose(): void {
    this.unsubscribe();
    this.port?.terminate();
    this.port = null;
  }

  private connect(inProcess: boolean): AnalysisPort {
    const port = this.openPort(inProcess);
    port.onmessage = (event) => this.receive(event.data);
    // Without this a worker that cannot load (a CSP or a packaging mistake) would leave the live
    // numbers empty for good. The main thread takes over, from the run's first record.
    port.onfailure = (reason) => {
      console.error(`analysis worker: ${reason}; computing on the main thread instead`);
      port.terminate();
      this.port = this.connect(true);
      this.runId = null;
      this.tick();
    };
    return port;
  }

  private receive(result: FromAnalysisWorker): void {
    if (result.runId !== this.runId) return;
    this.busy = false;
    const count = result.requests + result.loop;
    if (result.summary) this.summaryAt = count;
    if (result.series) this.seriesAt = count;
    this.publish({
      runId: result.runId,
      summary: result.summary ?? this.results.summary,
      series: result.series ?? this.results.series,
    });
  }

  private publish(results: LiveResults): void {
    this.results = results;
    for (const l of this.listeners) l();
  }
}

/**
 * The run on screen, kept outside React.
 *
 * Spans go straight into packed arrays and two indexes (per thread for the lanes view, per
 * request for the requests view); the timeline reads them on its own animation frames. React
 * panels never see the arrays: they read a `RunSnapshot` that `snapshot()` rebuilds at most a
 * few times a second (see panel-clock.ts), whose references stay the same between rebuilds.
 * A live run and a reopened run go through the same `ingest`, so they look the same.
 */
import { computeSummary } from '../../../shared/analysis/summary.ts';
import type { RunDocument, RunInfo } from '../../../shared/run.ts';
import type { Scenario } from '../../../shared/scenario.ts';
import {
  PHASES,
  SPAN_STRIDE,
  SpanField,
  type Lane,
  type LoopSample,
  type RequestRecord,
  type RunProgress,
  type RunStatus,
  type RunSummary,
  type TraceBatch,
} from '../../../shared/trace.ts';
import { RequestRows } from '../timeline/request-rows.ts';
import { SortedRows } from '../timeline/sorted-rows.ts';
import { SpanStore } from './span-store.ts';

const HOLDS = PHASES.map((p) => p.holds);
const NO_SPANS: number[] = [];

/** What panels show; rebuilt only when something changed, so React can compare references. */
export interface RunSnapshot {
  runId: number | null;
  info: RunInfo | null;
  status: RunStatus | 'idle';
  /** True while events of a live run are arriving. */
  live: boolean;
  scenario: Scenario | null;
  lanes: readonly Lane[];
  requests: readonly RequestRecord[];
  loop: readonly LoopSample[];
  progress: RunProgress | null;
  /**
   * Final numbers when known; otherwise computed (on first read, on this thread) from the records
   * so far. A live run's panels read the analysis worker's numbers instead (live-analysis.ts).
   */
  readonly summary: RunSummary;
  spanCount: number;
  /** Changes whenever anything above changed. */
  version: number;
}

export class TraceStore {
  readonly spans = new SpanStore();
  /** Spans that hold a thread, by lane id. */
  readonly laneRows = new SortedRows(() => this.spans.data);
  readonly requestRows = new RequestRows(() => this.spans.data);
  lanes: Lane[] = [];
  readonly requestById = new Map<number, RequestRecord>();
  private requests: RequestRecord[] = [];
  private loop: LoopSample[] = [];
  private runId: number | null = null;
  private info: RunInfo | null = null;
  private scenario: Scenario | null = null;
  private status: RunStatus | 'idle' = 'idle';
  private live = false;
  private progress: RunProgress | null = null;
  private finalSummary: RunSummary | null = null;
  private version = 0;
  private firstMicros = Infinity;
  private lastMicros = -Infinity;
  private snap: RunSnapshot | null = null;
  private listeners = new Set<() => void>();

  get currentRunId(): number | null {
    return this.runId;
  }

  get isLive(): boolean {
    return this.live;
  }

  get currentScenario(): Scenario | null {
    return this.scenario;
  }

  /** Called on every change, synchronously; the timeline uses it to schedule a frame. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A live run began: forget the previous one. */
  beginLive(runId: number, info: RunInfo, scenario: Scenario | null): void {
    this.reset();
    this.runId = runId;
    this.info = info;
    this.scenario = scenario;
    this.status = 'running';
    this.live = true;
    this.changed();
  }

  ingest(batch: TraceBatch): void {
    for (const lane of batch.lanes) if (!this.lanes.some((l) => l.id === lane.id)) this.lanes.push(lane);
    if (batch.lanes.length) this.lanes = [...this.lanes];
    const first = this.spans.append(batch.spans);
    const data = this.spans.data;
    for (let s = first; s < this.spans.count; s++) {
      const o = s * SPAN_STRIDE;
      if (HOLDS[data[o + SpanField.phase]]) this.laneRows.insert(data[o + SpanField.lane], s);
      this.requestRows.add(s, data[o + SpanField.req]);
    }
    for (let s = first; s < this.spans.count; s++) {
      const o = s * SPAN_STRIDE;
      if (data[o + SpanField.start] < this.firstMicros) this.firstMicros = data[o + SpanField.start];
      if (data[o + SpanField.end] > this.lastMicros) this.lastMicros = data[o + SpanField.end];
    }
    for (const r of batch.requests) {
      if (!this.requestById.has(r.id)) this.requests.push(r);
      // A request no server span names (a URL run's, one refused before a server saw it) still gets its row.
      this.requestRows.addRequest(r.id);
      this.requestById.set(r.id, r);
      this.firstMicros = Math.min(this.firstMicros, r.intended);
      this.lastMicros = Math.max(this.lastMicros, r.received ?? r.responded ?? r.sent);
    }
    for (const l of batch.loop) this.loop.push(l);
    this.changed();
  }

  setProgress(progress: RunProgress): void {
    this.progress = progress;
    this.changed();
  }

  finish(info: RunInfo, summary: RunSummary | null): void {
    this.info = info;
    this.status = info.status;
    this.finalSummary = summary;
    this.live = false;
    this.changed();
  }

  rename(info: RunInfo): void {
    if (info.id !== this.runId) return;
    this.info = info;
    this.changed();
  }

  /** Show a stored run exactly as it was: the same data through the same path, then its numbers. */
  openDocument(doc: RunDocument): void {
    this.reset();
    this.runId = doc.info.id;
    this.info = doc.info;
    this.scenario = doc.scenario;
    this.status = doc.info.status;
    this.ingest({ lanes: doc.lanes, spans: doc.spans, requests: doc.requests, loop: doc.loop });
    this.finalSummary = computeSummary(doc);
    this.changed();
  }

  /**
   * Requests and loop samples from the given indexes on, in arrival order (both lists only grow
   * until the next run): the live analysis sends the worker what it has not seen yet.
   */
  recordsSince(requestIndex: number, loopIndex: number): { requests: RequestRecord[]; loop: LoopSample[] } {
    return { requests: this.requests.slice(requestIndex), loop: this.loop.slice(loopIndex) };
  }

  /** First and last instant anything was recorded (µs), or null before any data. */
  extentMicros(): [number, number] | null {
    return this.firstMicros <= this.lastMicros ? [this.firstMicros, this.lastMicros] : null;
  }

  /** The panels' view; the same object until the next change. */
  snapshot(): RunSnapshot {
    if (this.snap && this.snap.version === this.version) return this.snap;
    // Copies: panels must not see later appends through a reference they already compared.
    const requests = this.requests.slice();
    const loop = this.loop.slice();
    const lanes = this.lanes;
    const spans = this.live ? NO_SPANS : this.spans.packed();
    let summary: RunSummary | null = this.finalSummary;
    this.snap = {
      runId: this.runId,
      info: this.info,
      status: this.status,
      live: this.live,
      scenario: this.scenario,
      lanes,
      requests,
      loop,
      progress: this.progress,
      // Computed on first read: the charts' snapshots never read it. While a run streams, its
      // numbers come from the records alone; the spans only count threads, which no panel shows
      // live, and scanning every span four times a second is what would cost.
      get summary(): RunSummary {
        summary ??= computeSummary({ lanes, spans, requests, loop });
        return summary;
      },
      spanCount: this.spans.count,
      version: this.version,
    };
    return this.snap;
  }

  /** Bytes held for spans (packed data and both indexes), for the memory budget. */
  get retainedSpanBytes(): number {
    return this.spans.retainedBytes + this.laneRows.retainedBytes + this.requestRows.retainedBytes;
  }

  private reset(): void {
    this.spans.count = 0;
    this.spans.maxEndMicros = 0;
    this.firstMicros = Infinity;
    this.lastMicros = -Infinity;
    this.laneRows.clear();
    this.requestRows.clear();
    this.lanes = [];
    this.requestById.clear();
    this.requests = [];
    this.loop = [];
    this.progress = null;
    this.finalSummary = null;
    this.live = false;
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}

/**
 * The engine's side of what a run's threads report: records go to the recorder, the progress is
 * counted, and the load generator's end (or any thread's failure) ends the load. What was
 * recorded is handed on in batches, each followed by the progress.
 */
import { computeSummary } from '../../../shared/analysis/summary.ts';
import { unpackRequests } from '../../../shared/packed-requests.ts';
import type { Scenario } from '../../../shared/scenario.ts';
import type { RequestRecord, RunProgress, RunSummary, TraceBatch } from '../../../shared/trace.ts';
import { requestStop, type ControlWord } from '../control.ts';
import type { ServerLanes } from '../lanes.ts';
import type { ThreadReport } from '../threads/protocol.ts';
import { Recorder } from './recorder.ts';

/** The load generator's records of one report, and the report (real Django's runner reads its Server-Timing). */
export type RequestsSink = (requests: RequestRecord[], report: Extract<ThreadReport, { type: 'requests' }>) => void;

/** Where batches and progress go (the engine's options). */
export interface RecordingSinks {
  onBatch?(batch: TraceBatch): void;
  onProgress?(progress: RunProgress): void;
}

export class RunRecording {
  readonly recorder: Recorder;
  /** The first failure any thread reported, if any: the run then ends as failed. */
  failure: string | null = null;
  /** Why the load ended: 'finished', 'stopped' (as the load generator says) or 'failed'. */
  readonly loadDone: Promise<string>;
  private progress: RunProgress;
  private endLoad: (reason: string) => void = () => {};
  /** Called once, when the first answered request is recorded (the engine sends it at once). */
  onFirstAnswer?: () => void;

  constructor(
    scenario: Scenario,
    plan: ServerLanes,
    private readonly control: ControlWord,
    private readonly sinks: RecordingSinks,
    /** Where client records go; by default straight to the recorder. */
    private readonly onRequests: RequestsSink = (requests) => this.recorder.addRequests(requests),
  ) {
    this.recorder = new Recorder(plan.lanes, plan.firstClientLane);
    this.loadDone = new Promise<string>((resolve) => (this.endLoad = resolve));
    const { end } = scenario.load;
    this.progress = {
      done: 0,
      total: end.kind === 'requests' ? end.count : null,
      elapsedMs: 0,
      plannedMs: end.kind === 'duration' ? end.seconds * 1000 : null,
      phase: 'starting',
    };
  }

  readonly onReport = (report: ThreadReport): void => {
    const recorder = this.recorder;
    if (report.type === 'spans') recorder.addSpans(report.spans);
    else if (report.type === 'served') recorder.addServed(report.served);
    else if (report.type === 'loop') recorder.addLoop(report.samples);
    else if (report.type === 'requests') {
      const requests = unpackRequests(report);
      this.onRequests(requests, report);
      this.progress = { ...this.progress, done: this.progress.done + requests.length, inFlight: report.inFlight };
    } else if (report.type === 'load-started') recorder.measureFrom(report.at);
    else if (report.type === 'load-done') this.endLoad(report.reason);
    if (this.onFirstAnswer && recorder.requests.length > 0) {
      const first = this.onFirstAnswer;
      this.onFirstAnswer = undefined;
      first();
    }
  };

  readonly onFailure = (message: string): void => {
    this.failure ??= message;
    requestStop(this.control);
    this.endLoad('failed');
  };

  /** While threads start (before the load): how many have said Ready, of how many (`warm` started ahead). */
  starting(ready: number, total: number, warm: number): void {
    this.progress = { ...this.progress, phase: 'starting', threads: { ready, total, warm } };
    this.sinks.onProgress?.(this.progress);
  }

  /** While the load runs: what was recorded since the last call, then the progress. */
  tick(elapsedMs: number): void {
    this.progress = { ...this.progress, elapsedMs, phase: 'running', threads: undefined };
    this.sendBatch();
    this.sinks.onProgress?.(this.progress);
  }

  /** The load has ended; the threads are flushing what they hold. */
  finishing(): void {
    this.progress = { ...this.progress, phase: 'finishing', threads: undefined };
    this.sinks.onProgress?.(this.progress);
  }

  /** Every thread has flushed: the last batch (requests the server never saw included), then the progress. */
  last(elapsedMs: number): void {
    this.recorder.finish();
    this.progress = { ...this.progress, elapsedMs };
    this.sendBatch();
    this.sinks.onProgress?.(this.progress);
  }

  /** The summary, from the records alone (the same function a reopened or imported run uses). */
  summary(): RunSummary {
    const { lanes, spanData: spans, requests, loop } = this.recorder;
    return computeSummary({ lanes, spans, requests, loop });
  }

  private sendBatch(): void {
    const batch = this.recorder.takeBatch();
    if (batch.spans.length || batch.requests.length || batch.loop.length || batch.lanes.length)
      this.sinks.onBatch?.(batch);
  }
}

/**
 * Runs a scenario and keeps the store in step with it: the one place where the engine, the
 * store and the event stream meet, used by the app (both hosts) and the CLI alike.
 *
 * A run is written while it runs (every batch in its own transaction), so a crash or a kill
 * loses at most the last batch and the run is found later as interrupted. One run at a time:
 * two runs on 2 cores would measure each other.
 */
import type { Scenario } from '../../shared/scenario.ts';
import type { RunInfo } from '../../shared/run.ts';
import type { RunProgress, RunSummary } from '../../shared/trace.ts';
import { startScenario, type RunOutcome, type RunningScenario } from '../engine/index.ts';
import { prepareDjangoScenario, startOnDjango } from '../django/index.ts';
import type { RunStore } from '../store/run-store.ts';
import type { EventHub } from './event-hub.ts';

export interface FinishedRun {
  info: RunInfo;
  outcome: RunOutcome | null;
}

export class RunService {
  private active: {
    id: number;
    running: RunningScenario | null;
    /** Stop was asked while threads were still starting: stop as soon as they are up. */
    stopAsked: boolean;
    starting: AbortController;
    finished: Promise<FinishedRun>;
  } | null = null;

  constructor(
    private readonly store: RunStore,
    private readonly shopDbFile: string,
    private readonly events: EventHub,
    /** This machine's CPU cores, stored with each run (see RunInfo.cores). */
    private readonly cores: number,
  ) {}

  get activeRunId(): number | null {
    return this.active?.id ?? null;
  }

  /** Starts `scenario`; resolves once its threads are up and the load has begun. */
  async start(scenario: Scenario, name?: string): Promise<{ info: RunInfo; finished: Promise<FinishedRun> }> {
    this.refuseIfBusy();
    // Real Django is checked before a run is stored: a missing Python or a setting Django cannot
    // express is refused with its sentence, and the versions found are recorded with the run.
    if (scenario.target.kind === 'django') scenario = await prepareDjangoScenario(scenario);
    this.refuseIfBusy();
    const info = this.store.createRun(scenario, name?.trim() || scenario.name, this.cores);
    const runId = info.id;
    let resolveFinished!: (f: FinishedRun) => void;
    const finished = new Promise<FinishedRun>((r) => (resolveFinished = r));
    const starting = new AbortController();
    this.active = { id: runId, running: null, stopAsked: false, starting, finished };
    this.events.emit('run', { type: 'started', runId, info });
    const progress = (p: RunProgress) => this.events.emit('run', { type: 'progress', runId, progress: p });
    progress({
      done: 0,
      total: scenario.load.end.kind === 'requests' ? scenario.load.end.count : null,
      elapsedMs: 0,
      plannedMs: null,
      phase: 'starting',
    });
    let running: RunningScenario;
    try {
      const runner = scenario.target.kind === 'django' ? startOnDjango : startScenario;
      running = await runner(scenario, {
        shopDbFile: this.shopDbFile,
        onBatch: (batch) => {
          this.store.appendBatch(runId, batch);
          this.events.emit('run', { type: 'batch', runId, batch });
        },
        onProgress: progress,
        signal: starting.signal,
      });
    } catch (error) {
      const stopped = starting.signal.aborted;
      this.end(runId, stopped ? 'stopped' : 'failed', null, (error as Error).message, null, resolveFinished);
      if (stopped) return { info: this.store.getRun(runId), finished };
      throw error;
    }
    this.active.running = running;
    if (this.active.stopAsked) void running.stop();
    running.done.then(
      (outcome) => this.end(runId, outcome.status, outcome.summary, outcome.error, outcome, resolveFinished),
      (error: Error) => this.end(runId, 'failed', null, error.message, null, resolveFinished),
    );
    return { info: this.store.getRun(runId), finished };
  }

  /** One run at a time: two runs on one machine would measure each other. */
  private refuseIfBusy(): void {
    if (this.active) throw new Error(`run ${this.active.id} is still running; stop it before starting another`);
  }

  /** Stops the run if it is the active one; resolves when its threads and ports are released. */
  async stop(runId: number): Promise<void> {
    if (!this.active || this.active.id !== runId) return;
    const { running, finished } = this.active;
    if (running) await running.stop();
    else {
      this.active.stopAsked = true;
      this.active.starting.abort();
    }
    await finished;
  }

  async stopAll(): Promise<void> {
    if (this.active) await this.stop(this.active.id);
  }

  private end(
    runId: number,
    status: RunInfo['status'],
    summary: RunSummary | null,
    error: string | null,
    outcome: RunOutcome | null,
    resolve: (f: FinishedRun) => void,
  ): void {
    const info = this.store.finishRun(runId, status, summary, error);
    this.active = null;
    this.events.emit('run', { type: 'finished', runId, info, summary });
    resolve({ info, outcome });
  }
}

/**
 * Runs a scenario and keeps the store in step with it: the one place where the engine, the
 * store and the event stream meet. Only the API (api.ts) calls it; hosts see a run through the
 * API's calls and the 'run' events it sends.
 *
 * A run is written while it runs (every batch in its own transaction), so a crash or a kill
 * loses at most the last batch and the run is found later as interrupted. One run at a time:
 * two runs on 2 cores would measure each other.
 */
import type { Scenario } from '../../shared/scenario.ts';
import type { RunInfo } from '../../shared/run.ts';
import type { RunProgress, RunSummary } from '../../shared/trace.ts';
import {
  prepareThreads,
  startScenario,
  type RunOutcome,
  type RunningScenario,
  type ThreadReserve,
} from '../engine/index.ts';
import { prepareDjangoScenario, startOnDjango } from '../django/index.ts';
import { startOnUrl, urlRunRefusal } from '../url/index.ts';
import type { RunStore } from '../store/run-store.ts';
import type { EventHub } from './event-hub.ts';

export class RunService {
  private active: {
    id: number;
    running: RunningScenario | null;
    /** Stop was asked while threads were still starting: stop as soon as they are up. */
    stopAsked: boolean;
    starting: AbortController;
    /** Resolves once the run is stored as finished and its 'finished' event is sent. */
    ended: Promise<void>;
  } | null = null;

  constructor(
    private readonly store: RunStore,
    private readonly shopDbFile: string,
    private readonly events: EventHub,
    /** This machine's CPU cores, stored with each run (see RunInfo.cores). */
    private readonly cores: number,
    /** Threads kept started for the model's next run (null: each run starts its own). */
    private readonly reserve: ThreadReserve | null = null,
  ) {}

  get activeRunId(): number | null {
    return this.active?.id ?? null;
  }

  /**
   * Starts `scenario`; resolves once its threads are up and the load has begun (or with the
   * stopped run, when stop was asked while they started). Sends 'started' before it first waits.
   */
  async start(scenario: Scenario, name?: string): Promise<RunInfo> {
    this.refuseIfBusy();
    const kind = scenario.target.kind;
    if (kind === 'imported')
      throw new Error('an imported run records what another tool measured; it cannot be run again');
    // Real Django is checked before a run is stored: a missing Python or a setting Django cannot
    // express is refused with its sentence, and the versions found are recorded with the run.
    if (scenario.target.kind === 'django') scenario = await prepareDjangoScenario(scenario);
    // A URL run to a host that is neither loopback nor allowed is refused before it is stored.
    const refusal = scenario.target.kind === 'url' ? urlRunRefusal(scenario) : null;
    if (refusal) throw new Error(refusal);
    this.refuseIfBusy();
    const info = this.store.createRun(scenario, name?.trim() || scenario.name, this.cores);
    const runId = info.id;
    let markEnded!: () => void;
    const ended = new Promise<void>((r) => (markEnded = r));
    const starting = new AbortController();
    this.active = { id: runId, running: null, stopAsked: false, starting, ended };
    this.events.emit('run', { type: 'started', runId, info, scenario });
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
      const runner = { model: startScenario, django: startOnDjango, url: startOnUrl }[kind];
      running = await runner(scenario, {
        shopDbFile: this.shopDbFile,
        onBatch: (batch) => {
          this.store.appendBatch(runId, batch);
          this.events.emit('run', { type: 'batch', runId, batch });
        },
        onProgress: progress,
        signal: starting.signal,
        reserve: this.reserve ?? undefined,
      });
    } catch (error) {
      const stopped = starting.signal.aborted;
      this.end(runId, stopped ? 'stopped' : 'failed', null, (error as Error).message, null, markEnded);
      if (stopped) return this.store.getRun(runId);
      throw error;
    }
    this.active.running = running;
    if (this.active.stopAsked) void running.stop();
    running.done.then(
      (outcome) => this.end(runId, outcome.status, outcome.summary, outcome.error, outcome, markEnded),
      (error: Error) => this.end(runId, 'failed', null, error.message, null, markEnded),
    );
    return this.store.getRun(runId);
  }

  /** One run at a time: two runs on one machine would measure each other. */
  /**
   * Starts ahead the threads a model run of `scenario` (the one on screen) needs, so its Run
   * starts on spares. Nothing while a run goes (it needs the cores, and its threads come back to
   * the reserve when it ends), for a run elsewhere (real Django, a URL), or in an app that keeps
   * no threads. A failure is left to the run to report, with its sentence.
   */
  prepare(scenario: Scenario): void {
    if (!this.reserve || this.active || scenario.target.kind !== 'model') return;
    prepareThreads(this.reserve, scenario, false).catch(() => {});
  }

  private refuseIfBusy(): void {
    if (this.active) throw new Error(`run ${this.active.id} is still running; stop it before starting another`);
  }

  /** Stops the run if it is the active one; resolves when its threads and ports are released. */
  async stop(runId: number): Promise<void> {
    if (!this.active || this.active.id !== runId) return;
    const { running, ended } = this.active;
    if (running) await running.stop();
    else {
      this.active.stopAsked = true;
      this.active.starting.abort();
    }
    await ended;
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
    markEnded: () => void,
  ): void {
    const info = this.store.finishRun(runId, status, summary, error);
    this.active = null;
    this.events.emit('run', { type: 'finished', runId, info, summary, clockSkewMs: outcome?.clockSkewMs ?? null });
    markEnded();
  }
}

/**
 * Runs a concurrency sweep: its steps one after another, each an ordinary run started through the
 * app's API (startOneRun), so a step is stored, streamed and stoppable like any run, on whatever
 * target the base scenario names. After every step the sweep's numbers and analysis are rewritten
 * in the store, so a sweep stopped or killed midway keeps every step it finished.
 *
 * Each step is bounded twice: by its requests (the step's scenario ends after them) and by a time
 * cap counted from the moment its load begins, after which the step's run is stopped and the
 * requests that finished are its numbers ('capped'). A step stopped by anyone else (Stop in the
 * app stops the run on screen, which is the step) stops the sweep: that step is not counted.
 *
 * One sweep at a time, and no other run while it goes (sweep-api.ts refuses them): a step and
 * another run on the same cores would measure each other.
 */
import type { BridgeEvents, InterleaveApi } from '../../../shared/bridge.ts';
import { analyseSweep } from '../../../shared/analysis/sweep-analysis.ts';
import type { SweepProgress, SweepRequest, SweepResult, SweepStep } from '../../../shared/sweep.ts';
import { requestsForStep, stepScenario, sweepName, sweepUsers } from '../../../shared/sweep-plan.ts';
import type { SweepStore } from '../../store/sweep-store.ts';
import { startOneRun, type OneRun, type RunCaller } from '../one-run.ts';
import { measuredFromSummary, measuredWithoutCutRequests } from './step-numbers.ts';

/** What the sweep needs of the app: runs (and loading a capped one again), their events, and a way to send its own. */
export interface SweepHost extends RunCaller {
  api: Pick<InterleaveApi, 'startRun' | 'stopRun' | 'loadRun'>;
  emit(event: BridgeEvents['sweep']): void;
}

interface ActiveSweep {
  /** Updated in place as steps finish; events and callers get copies, never this object. */
  sweep: SweepResult;
  stopAsked: boolean;
  run: OneRun | null;
  /** Resolves once the sweep is stored as ended and its 'finished' event is sent. */
  ended: Promise<void>;
}

export class SweepService {
  private active: ActiveSweep | null = null;

  constructor(
    private readonly store: SweepStore,
    private readonly host: SweepHost,
  ) {}

  get activeSweepId(): number | null {
    return this.active?.sweep.id ?? null;
  }

  /** Stores and starts the sweep; resolves once its first step runs, rejects with that step's refusal. */
  async start(request: SweepRequest): Promise<SweepResult> {
    if (this.active) throw new Error(`sweep ${this.active.sweep.id} is still running; stop it before starting another`);
    const users = sweepUsers(request.from, request.to);
    const sweep = this.store.create({
      name: sweepName(request.scenario.name),
      status: 'running',
      createdAt: new Date().toISOString(),
      error: null,
      request,
      users,
      steps: [],
      analysis: analyseSweep([]),
    });
    let markEnded!: () => void;
    const active: ActiveSweep = { sweep, stopAsked: false, run: null, ended: new Promise((r) => (markEnded = r)) };
    this.active = active;
    this.host.emit({ type: 'started', sweep: structuredClone(sweep) });
    let firstStarted!: { resolve(): void; reject(error: unknown): void };
    const first = new Promise<void>((resolve, reject) => (firstStarted = { resolve, reject }));
    void this.runSteps(active, firstStarted).finally(() => {
      this.active = null;
      this.host.emit({ type: 'finished', sweep: structuredClone(active.sweep) });
      markEnded();
    });
    await first;
    return structuredClone(active.sweep);
  }

  /** Stops the sweep if it is the active one; resolves once its step and the sweep have ended. */
  async stop(sweepId: number): Promise<void> {
    const active = this.active;
    if (!active || active.sweep.id !== sweepId) return;
    active.stopAsked = true;
    await active.run?.stop();
    await active.ended;
  }

  async stopAll(): Promise<void> {
    if (this.active) await this.stop(this.active.sweep.id);
  }

  private async runSteps(
    active: ActiveSweep,
    firstStarted: { resolve(): void; reject(error: unknown): void },
  ): Promise<void> {
    const { sweep } = active;
    let status: SweepResult['status'] = 'complete';
    let error: string | null = null;
    try {
      for (const [index, users] of sweep.users.entries()) {
        if (active.stopAsked) break;
        const outcome = await this.runStep(active, index, users, index === 0 ? firstStarted : null);
        if (outcome.step) {
          sweep.steps.push(outcome.step);
          sweep.analysis = analyseSweep(sweep.steps);
          this.store.save(sweep);
          this.host.emit({ type: 'step', sweep: structuredClone(sweep) });
        }
        if (outcome.failed !== null) {
          status = 'failed';
          error = outcome.failed;
          break;
        }
        if (outcome.stopped) active.stopAsked = true;
      }
      if (active.stopAsked && status !== 'failed') status = 'stopped';
    } catch (e) {
      status = 'failed';
      error = (e as Error).message;
    } finally {
      firstStarted.resolve(); // a sweep stopped before its first step has nothing to refuse
      sweep.status = status;
      sweep.error = error;
      this.store.save(sweep);
    }
  }

  /** One step: its run from start to end, and what it measured (null when it was stopped or failed early). */
  private async runStep(
    active: ActiveSweep,
    index: number,
    users: number,
    firstStarted: { resolve(): void; reject(error: unknown): void } | null,
  ): Promise<{ step: SweepStep | null; stopped: boolean; failed: string | null }> {
    const { sweep } = active;
    const planned = requestsForStep(sweep.request, users);
    const scenario = stepScenario(sweep.request.scenario, users, planned);
    const progress = (p: Omit<SweepProgress, 'sweepId' | 'step' | 'of' | 'users'>) =>
      this.host.emit({
        type: 'progress',
        progress: { sweepId: sweep.id, step: index + 1, of: sweep.users.length, users, ...p },
      });
    progress({ done: 0, total: planned, phase: 'starting' });
    // One run at a time, and this sweep's steps are the only runs while it goes: every run
    // progress event now is this step's.
    const off = this.host.on('run', (e) => {
      // The run's own first word ('starting', nothing done) was just said for it.
      if (e.type === 'progress' && !(e.progress.phase === 'starting' && e.progress.done === 0))
        progress({ done: e.progress.done, total: e.progress.total, phase: e.progress.phase ?? 'running' });
    });
    const run = startOneRun(this.host, scenario, scenario.name);
    active.run = run;
    let capped = false;
    let cap: ReturnType<typeof setTimeout> | undefined;
    try {
      try {
        await run.started;
      } catch (e) {
        if (firstStarted) firstStarted.reject(e);
        return { step: null, stopped: false, failed: (e as Error).message };
      }
      firstStarted?.resolve();
      if (active.stopAsked) void run.stop();
      cap = setTimeout(() => {
        capped = true;
        void run.stop();
      }, sweep.request.stepSeconds * 1000);
      const { info, summary } = await run.finished;
      clearTimeout(cap);
      const stoppedByCap = info.status === 'stopped' && capped && !active.stopAsked;
      const final = info.summary ?? summary;
      if (info.status === 'failed') return { step: null, stopped: false, failed: info.error ?? 'the step failed' };
      if (info.status !== 'complete' && !stoppedByCap) return { step: null, stopped: true, failed: null };
      if (!final) return { step: null, stopped: false, failed: info.error ?? 'the step recorded nothing' };
      const measured = stoppedByCap
        ? measuredWithoutCutRequests(users, await this.host.api.loadRun(info.id))
        : measuredFromSummary(users, final);
      return {
        step: { ...measured, runId: info.id, status: info.status, planned, capped: stoppedByCap },
        stopped: false,
        failed: null,
      };
    } finally {
      clearTimeout(cap);
      off();
      active.run = null;
    }
  }
}

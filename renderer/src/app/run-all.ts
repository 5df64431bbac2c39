/**
 * Runs one after another, as "Run on: both" does: each starts once the one before has finished,
 * and the sequence ends at the first run that does not complete (stopped, failed) or cannot
 * start. `FinishedRuns` turns the bridge's `finished` events into something to wait on.
 */
import type { RunEvent } from '../../../shared/bridge.ts';
import type { RunInfo } from '../../../shared/run.ts';
import type { PlannedRun } from '../scenario/run-on.ts';

/** What runAll needs: start a run, and wait for it to finish. */
export interface RunStarter {
  start(scenario: PlannedRun['scenario'], name: string | undefined): Promise<RunInfo>;
  whenFinished(runId: number): Promise<RunInfo>;
}

/** Starts `plan` in order; resolves with the finished runs, rejects with the message of a run that could not start. */
export async function runAll(plan: readonly PlannedRun[], runner: RunStarter): Promise<RunInfo[]> {
  const finished: RunInfo[] = [];
  for (const run of plan) {
    const started = await runner.start(run.scenario, run.name);
    const info = await runner.whenFinished(started.id);
    finished.push(info);
    if (info.status !== 'complete') break;
  }
  return finished;
}

/** Remembers the last few finished runs and settles waits on them, whichever comes first. */
export class FinishedRuns {
  private waiters = new Map<number, ((info: RunInfo) => void)[]>();
  private recent = new Map<number, RunInfo>();

  /** Feed every run event here. */
  observe(event: RunEvent): void {
    if (event.type !== 'finished') return;
    this.recent.set(event.runId, event.info);
    // A handful is plenty: a wait begins right after its run starts.
    for (const id of this.recent.keys()) if (this.recent.size > 8) this.recent.delete(id);
    for (const resolve of this.waiters.get(event.runId) ?? []) resolve(event.info);
    this.waiters.delete(event.runId);
  }

  /** Resolves with the run's info once it has finished (at once if it already has). */
  whenFinished(runId: number): Promise<RunInfo> {
    const done = this.recent.get(runId);
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => this.waiters.set(runId, [...(this.waiters.get(runId) ?? []), resolve]));
  }
}

/**
 * One run from start to finish through the API, for callers in the app's own process that run a
 * scenario and wait for its end: the command line, tests and benches.
 *
 * It subscribes before it starts, because a run that fails or is stopped while its threads start
 * has sent 'finished' before `startRun` settles. The run's id is known as soon as `startRun` is
 * called (the API sends 'started' before it first waits), so a run can be stopped while its
 * threads are still starting, which takes seconds for a hundred threads.
 */
import type { InterleaveApi, RunEvent } from '../../shared/bridge.ts';
import type { RunInfo } from '../../shared/run.ts';
import type { ScenarioInput } from '../../shared/scenario.ts';
import type { App } from './app.ts';

export type FinishedRunEvent = Extract<RunEvent, { type: 'finished' }>;

export interface OneRun {
  /** Resolves once the load has begun (or with the stopped run); rejects as `startRun` does. */
  started: Promise<RunInfo>;
  /** The run's 'finished' event; rejects with `startRun`'s error when no run was created. */
  finished: Promise<FinishedRunEvent>;
  /** Stops the run, also while its threads start; resolves when they are released. */
  stop(): Promise<void>;
}

/** What a run needs of the app: starting and stopping runs, and their events. */
export interface RunCaller {
  api: Pick<InterleaveApi, 'startRun' | 'stopRun'>;
  on: App['on'];
}

export function startOneRun(app: RunCaller, scenario: ScenarioInput, name?: string): OneRun {
  let runId: number | null = null;
  let calling = true;
  let settle!: { resolve(event: FinishedRunEvent): void; reject(error: unknown): void };
  const finished = new Promise<FinishedRunEvent>((resolve, reject) => (settle = { resolve, reject }));
  // A caller that awaits only `started` learns the error there; this one must not go unhandled.
  finished.catch(() => {});
  const off = app.on('run', (event) => {
    // Only a 'started' sent while the call below is pending is this run's: one run at a time.
    // A model run says 'started' before the API's first await; a real-Django run first finds
    // its Python (awaiting), so the window lasts until the call settles.
    if (event.type === 'started' && calling) runId = event.runId;
    else if (event.type === 'finished' && event.runId === runId) {
      off();
      settle.resolve(event);
    }
  });
  const started = app.api.startRun(scenario, name);
  void started.then(
    () => (calling = false),
    () => (calling = false),
  );
  started.catch((error: unknown) => {
    if (runId !== null) return; // the run exists and has sent (or will send) 'finished'
    off();
    settle.reject(error);
  });
  return {
    started,
    finished,
    stop: async () => {
      if (runId !== null) await app.api.stopRun(runId);
    },
  };
}

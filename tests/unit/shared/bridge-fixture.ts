/**
 * A small but real `InterleaveApi` for the bridge and host tests: runs kept in a Map, events
 * from a plain listener table. It is not the app (main/app/app.ts is); it is the far end the
 * bridge must carry faithfully, so its methods behave (validate, throw, emit) like the real ones.
 */
import type { BridgeEventName, BridgeEvents, HostInfo, InterleaveApi } from '../../../shared/bridge.ts';
import { PRESETS } from '../../../shared/presets.ts';
import type { RunDocument, RunInfo } from '../../../shared/run.ts';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../../../shared/scenario.ts';

export interface FixtureApp {
  api: InterleaveApi;
  on<E extends BridgeEventName>(name: E, listener: (payload: BridgeEvents[E]) => void): () => void;
  emit<E extends BridgeEventName>(name: E, payload: BridgeEvents[E]): void;
  /** How many listeners are subscribed right now, per event name. */
  listenerCount(name: BridgeEventName): number;
  /** The arguments of every call, in order, as the API received them. */
  calls: { method: string; args: unknown[] }[];
}

export function createFixtureApp(mode: HostInfo['mode'] = 'browser'): FixtureApp {
  const listeners = new Map<BridgeEventName, Set<(payload: never) => void>>();
  const runs = new Map<number, RunInfo>();
  const calls: FixtureApp['calls'] = [];
  let nextRunId = 1;

  const emit = <E extends BridgeEventName>(name: E, payload: BridgeEvents[E]) => {
    for (const listener of listeners.get(name) ?? []) (listener as (p: BridgeEvents[E]) => void)(payload);
  };
  const find = (runId: number) => {
    const info = runs.get(runId);
    if (!info) throw new Error(`Run ${runId} does not exist`);
    return info;
  };
  const record = (method: string, args: unknown[]) => calls.push({ method, args });

  const api: InterleaveApi = {
    async hostInfo() {
      record('hostInfo', []);
      return { mode, version: '0.0.0-test', dataDir: '/nowhere', cores: 2 };
    },
    async listPresets() {
      return [...PRESETS];
    },
    async startRun(scenario: ScenarioInput, ...rest: [name?: string]) {
      record('startRun', [scenario, ...rest]);
      if (typeof scenario?.name !== 'string') throw new Error('`name` is missing; expected string');
      const info: RunInfo = {
        id: nextRunId++,
        name: rest[0] ?? scenario.name,
        status: 'running',
        createdAt: new Date(0).toISOString(),
        scenarioName: scenario.name,
        summary: null,
        recordedRequests: 0,
        error: null,
        cores: 2,
      };
      runs.set(info.id, info);
      // As the host sends it: parsed (a test's partial scenario is sent as given).
      const parsed = scenarioSchema.safeParse(scenario);
      const started = (parsed.success ? parsed.data : scenario) as Scenario;
      setImmediate(() => emit('run', { type: 'started', runId: info.id, info, scenario: started }));
      return info;
    },
    async stopRun(runId) {
      find(runId).status = 'stopped';
    },
    async listRuns() {
      return [...runs.values()];
    },
    async loadRun(runId): Promise<RunDocument> {
      throw new Error(`Run ${find(runId).id} has no trace in this fixture`);
    },
    async renameRun(runId, name) {
      const info = find(runId);
      info.name = name;
      return info;
    },
    async deleteRun(runId) {
      find(runId);
      runs.delete(runId);
    },
    async exportRun(runId, format) {
      return { fileName: `run-${find(runId).id}.${format}`, mime: 'text/plain', text: 'x'.repeat(10) };
    },
    async exportComparison(runIds) {
      return { fileName: `compare-${runIds.map((id) => find(id).id).join('-')}.html`, mime: 'text/html', text: 'x' };
    },
    async importRun(text) {
      record('importRun', [text.length]);
      throw new Error(`Not a run document (${text.length} characters)`);
    },
    async explainRun(runId) {
      return { runId: find(runId).id, happened: ['It happened.'], againstExpectation: [] };
    },
    async prepareRun(scenario) {
      record('prepareRun', [scenario]);
      scenarioSchema.parse(scenario);
    },
    async djangoEnvironment(...args: [options?: { refresh?: boolean }]) {
      record('djangoEnvironment', args);
      return { candidates: [], chosen: null, ready: false, problem: 'No Python was found (tried nothing).' };
    },
    async startSweep(request) {
      record('startSweep', [request]);
      throw new Error('This fixture does not sweep');
    },
    async stopSweep(sweepId) {
      record('stopSweep', [sweepId]);
    },
    async listSweeps() {
      return [];
    },
    async loadSweep(sweepId) {
      throw new Error(`no sweep with id ${sweepId}`);
    },
  };

  return {
    api,
    calls,
    emit,
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const entry = listener as (payload: never) => void;
      set.add(entry);
      return () => set.delete(entry);
    },
    listenerCount: (name) => listeners.get(name)?.size ?? 0,
  };
}

/** A scenario good enough for the fixture (the real validation lives in the app). */
export const FIXTURE_SCENARIO: ScenarioInput = PRESETS[0].scenario;

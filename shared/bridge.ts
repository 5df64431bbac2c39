/**
 * The one bridge between the renderer and the engine host.
 *
 * `InterleaveApi` is what the renderer may ask; the same interface is served by the Electron
 * shell (over contextBridge IPC) and by the browser-mode host (over a loopback WebSocket), and in
 * tests by an in-memory pair. Calls return promises; events are `onX(listener) → unsubscribe`.
 * Transports only move `BridgeMessage`s; `API_METHODS` is the allowlist both ends check.
 */
import type { RunStory } from './analysis/run-story.ts';
import type { DjangoEnvironment } from './django-environment.ts';
import type { Preset } from './presets.ts';
import type { RunDocument, RunInfo } from './run.ts';
import type { Scenario, ScenarioInput } from './scenario.ts';
import type { SweepEvent, SweepInfo, SweepRequestInput, SweepResult } from './sweep.ts';
import type { RunProgress, RunSummary, TraceBatch } from './trace.ts';

/** Events a live run sends, in order: started, then batches and progress, then finished. */
export type RunEvent =
  /** `scenario`: what runs, as the host will store it (a sweep's step, another window's run). */
  | { type: 'started'; runId: number; info: RunInfo; scenario: Scenario }
  | { type: 'batch'; runId: number; batch: TraceBatch }
  | { type: 'progress'; runId: number; progress: RunProgress }
  | {
      type: 'finished';
      runId: number;
      info: RunInfo;
      summary: RunSummary | null;
      /** Largest clock difference found between the run's threads (ms); null if they never started. */
      clockSkewMs: number | null;
    };

/** Export formats, chosen by the file's extension. */
export const EXPORT_FORMATS = ['html', 'json', 'csv', 'trace'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the host is: lets the UI say "Electron" or "browser mode" and nothing more. */
export interface HostInfo {
  mode: 'electron' | 'browser';
  version: string;
  dataDir: string;
  /** The host machine's CPU cores: what the theoretical bound of the settings on screen assumes. */
  cores: number;
}

/** The renderer's whole view of the engine. Every argument is validated on the host side. */
export interface InterleaveApi {
  hostInfo(): Promise<HostInfo>;
  listPresets(): Promise<Preset[]>;
  /** Validates the scenario (throwing a readable message) and starts it; resolves once it runs. */
  startRun(scenario: ScenarioInput, name?: string): Promise<RunInfo>;
  stopRun(runId: number): Promise<void>;
  /**
   * The scenario on screen, validated as startRun does: the host starts ahead the threads a model
   * run of it needs, so Run starts at once. Resolves at once; nothing while a run goes.
   */
  prepareRun(scenario: ScenarioInput): Promise<void>;
  listRuns(): Promise<RunInfo[]>;
  loadRun(runId: number): Promise<RunDocument>;
  renameRun(runId: number, name: string): Promise<RunInfo>;
  deleteRun(runId: number): Promise<void>;
  /** Renders an export; the renderer saves it (download) or the shell shows a save dialog. */
  exportRun(runId: number, format: ExportFormat): Promise<{ fileName: string; mime: string; text: string }>;
  /** Two or more stored runs side by side, as one self-contained HTML file. */
  exportComparison(runIds: number[]): Promise<{ fileName: string; mime: string; text: string }>;
  /**
   * Stores a file's text as a run: Interleave's JSON export, k6's JSON output or a HAR file, told
   * apart by their first characters; `fileName` names an imported k6 or HAR run ("k6 results.json").
   */
  importRun(text: string, fileName?: string): Promise<RunInfo>;
  /** A stored run in sentences: what happened, and how it missed "What to expect" if it did. */
  explainRun(runId: number): Promise<RunStory>;
  /**
   * The Pythons found for real-Django runs, their versions, which one a run would use, and the
   * sentence to show when none can. Discovered on the first call (each Python is run once), then
   * cached by the host; `refresh` looks again (after installing something, say).
   */
  djangoEnvironment(options?: { refresh?: boolean }): Promise<DjangoEnvironment>;
  /**
   * Validates and starts a concurrency sweep of the request's scenario (shared/sweep.ts): its steps
   * run one after another as ordinary runs. Resolves once the first step runs; rejects with that
   * step's refusal. While a sweep goes, `startRun` is refused.
   */
  startSweep(request: SweepRequestInput): Promise<SweepResult>;
  /** Stops the sweep and the step it is running; resolves when both have ended. */
  stopSweep(sweepId: number): Promise<void>;
  listSweeps(): Promise<SweepInfo[]>;
  loadSweep(sweepId: number): Promise<SweepResult>;
}

/** The method names the bridge carries: the allowlist. */
export const API_METHODS = [
  'hostInfo',
  'listPresets',
  'startRun',
  'stopRun',
  'prepareRun',
  'listRuns',
  'loadRun',
  'renameRun',
  'deleteRun',
  'exportRun',
  'exportComparison',
  'importRun',
  'explainRun',
  'djangoEnvironment',
  'startSweep',
  'stopSweep',
  'listSweeps',
  'loadSweep',
] as const satisfies readonly (keyof InterleaveApi)[];
export type ApiMethod = (typeof API_METHODS)[number];

/** Events pushed from host to renderer. */
export interface BridgeEvents {
  run: RunEvent;
  /** Something the user must know that no call asked for (e.g. a damaged store was moved aside). */
  notice: { level: 'info' | 'warning' | 'error'; text: string };
  /**
   * A menu item of the Electron shell that acts on what the UI shows (never sent in browser mode):
   * `show-run` after File → Import run… imported a file (the shell shows the native dialog),
   * `export-run` for File → Export run… (the UI exports the run it shows, as its own button does).
   */
  menu: { command: 'show-run'; runId: number } | { command: 'export-run' };
  /** A sweep's start, progress, finished steps and end (its steps' runs send 'run' events too). */
  sweep: SweepEvent;
}
export type BridgeEventName = keyof BridgeEvents;
export const BRIDGE_EVENTS = ['run', 'notice', 'menu', 'sweep'] as const satisfies readonly BridgeEventName[];

/** Prefix of every Electron IPC channel the app uses; the preload refuses any other. */
export const CHANNEL_PREFIX = 'interleave:';

/** Messages on the wire, for every transport. */
export type BridgeMessage =
  | { kind: 'call'; id: number; method: ApiMethod; args: unknown[] }
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: string }
  | { kind: 'event'; name: BridgeEventName; payload: unknown };

/** A transport moves messages and nothing else. */
export interface Transport {
  send(message: BridgeMessage): void;
  onMessage(listener: (message: BridgeMessage) => void): () => void;
}

/** The renderer's typed client: the API plus event subscriptions. */
export type BridgeClient = InterleaveApi & {
  on<E extends BridgeEventName>(name: E, listener: (payload: BridgeEvents[E]) => void): () => void;
};

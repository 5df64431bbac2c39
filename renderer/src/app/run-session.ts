/**
 * The UI's one conversation with the engine: it starts and stops runs, feeds live run events
 * into the run store, opens stored runs, and tells the history when it should reload. Every
 * bridge call the UI makes about runs goes through here, so the components stay free of
 * transport concerns and the store sees one consistent sequence of runs.
 */
import type { BridgeClient, BridgeEvents, RunEvent } from '../../../shared/bridge.ts';
import type { RunDocument, RunInfo } from '../../../shared/run.ts';
import type { Scenario } from '../../../shared/scenario.ts';
import { createAnalysisPort } from '../analysis/analysis-port.ts';
import type { PlannedRun } from '../scenario/run-on.ts';
import { FinishedRuns, runAll } from './run-all.ts';
import { LiveAnalysis } from '../analysis/live-analysis.ts';
import { CHART_INTERVAL_MS, PanelClock } from '../state/panel-clock.ts';
import { TraceStore } from '../state/trace-store.ts';

export class RunSession {
  readonly store = new TraceStore();
  /** Numbers, progress and history follow the run at 4 Hz… */
  readonly clock = new PanelClock(this.store);
  /** …the five charts, whose series scan every record, at 2 Hz. */
  readonly chartClock = new PanelClock(this.store, CHART_INTERVAL_MS);
  /** The live run's summary and series, computed in a worker on the panel clock's ticks. */
  readonly analysis = new LiveAnalysis(this.store, this.clock, createAnalysisPort);
  private historyListeners = new Set<() => void>();
  private noticeListeners = new Set<(notice: BridgeEvents['notice']) => void>();
  private menuListeners = new Set<(command: BridgeEvents['menu']) => void>();
  private openListeners = new Set<(doc: RunDocument) => void>();
  private finishedRuns = new FinishedRuns();

  constructor(readonly bridge: BridgeClient) {
    bridge.on('run', (event) => this.onRunEvent(event));
    bridge.on('notice', (notice) => this.noticeListeners.forEach((l) => l(notice)));
    bridge.on('menu', (command) => {
      if (command.command === 'show-run') {
        this.historyChanged();
        if (!this.store.isLive) void this.open(command.runId);
      }
      this.menuListeners.forEach((l) => l(command));
    });
  }

  /** Validates on the host and starts; rejects with the host's readable message. */
  async start(scenario: Scenario, name?: string): Promise<RunInfo> {
    const info = await this.bridge.startRun(scenario, name);
    // The `started` event may come before or after this answer; whichever is first begins it.
    if (this.store.currentRunId !== info.id) this.store.beginLive(info.id, info, scenario);
    this.historyChanged();
    return info;
  }

  /**
   * Starts each planned run once the one before has finished, and stops at the first that does not
   * complete (stopped, failed) or cannot start (rejects with the host's message). Resolves with the
   * finished runs, in order.
   */
  runAll(plan: readonly PlannedRun[]): Promise<RunInfo[]> {
    return runAll(plan, {
      start: (scenario, name) => this.start(scenario, name),
      whenFinished: (runId) => this.finishedRuns.whenFinished(runId),
    });
  }

  async stop(): Promise<void> {
    const id = this.store.currentRunId;
    if (id !== null && this.store.isLive) await this.bridge.stopRun(id);
  }

  /** Show a stored run exactly as it was recorded. */
  async open(runId: number): Promise<void> {
    const doc = await this.bridge.loadRun(runId);
    this.store.openDocument(doc);
    for (const l of this.openListeners) l(doc);
  }

  /** A stored run was put on screen (from the history, an import or the shell's menu). */
  onOpen(listener: (doc: RunDocument) => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  /** Stored runs to compare, in the order asked (the first is the baseline). */
  loadForComparison(runIds: readonly number[]): Promise<RunDocument[]> {
    return Promise.all(runIds.map((id) => this.bridge.loadRun(id)));
  }

  /** The host renders the comparison report; the UI saves it. */
  exportComparison(runIds: readonly number[]): Promise<{ fileName: string; mime: string; text: string }> {
    return this.bridge.exportComparison([...runIds]);
  }

  async rename(runId: number, name: string): Promise<void> {
    const info = await this.bridge.renameRun(runId, name);
    this.store.rename(info);
    this.historyChanged();
  }

  async remove(runId: number): Promise<void> {
    await this.bridge.deleteRun(runId);
    this.historyChanged();
  }

  /** A run export, k6's JSON output or a HAR file; `fileName` names an imported k6 or HAR run. */
  async importText(text: string, fileName?: string): Promise<RunInfo> {
    const info = await this.bridge.importRun(text, fileName);
    this.historyChanged();
    await this.open(info.id);
    return info;
  }

  onHistoryChange(listener: () => void): () => void {
    this.historyListeners.add(listener);
    return () => this.historyListeners.delete(listener);
  }

  onNotice(listener: (notice: BridgeEvents['notice']) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  /** Menu commands of the Electron shell that act on what the UI shows. */
  onMenu(listener: (command: BridgeEvents['menu']) => void): () => void {
    this.menuListeners.add(listener);
    return () => this.menuListeners.delete(listener);
  }

  private historyChanged(): void {
    for (const l of this.historyListeners) l();
  }

  private onRunEvent(event: RunEvent): void {
    const store = this.store;
    switch (event.type) {
      case 'started':
        // The event names its scenario: a sweep's step or another window's run was not started here.
        if (store.currentRunId !== event.runId || !store.isLive)
          store.beginLive(event.runId, event.info, event.scenario);
        break;
      case 'batch':
        if (store.currentRunId === event.runId && store.isLive) store.ingest(event.batch);
        break;
      case 'progress':
        if (store.currentRunId === event.runId && store.isLive) store.setProgress(event.progress);
        break;
      case 'finished':
        if (store.currentRunId === event.runId) store.finish(event.info, event.summary);
        this.historyChanged();
        this.finishedRuns.observe(event);
        break;
    }
  }
}

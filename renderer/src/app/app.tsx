/**
 * The screen: settings on the left (preset, sliders, what to expect, Run), the run on screen in
 * the middle (numbers, timeline, charts), history on the right. Panels read the run through the
 * panel clock's snapshot (≤ 4 Hz); the timeline reads the store on its own frames.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ExportFormat } from '../../../shared/bridge.ts';
import type { Preset } from '../../../shared/presets.ts';
import type { RunDocument, RunInfo } from '../../../shared/run.ts';
import { RunCharts } from '../charts/run-charts.tsx';
import { ComparisonPanel } from '../panels/comparison-panel.tsx';
import { BoundPanel } from '../panels/bound-panel.tsx';
import { PresetPicker } from '../panels/preset-picker.tsx';
import { RunControls } from '../panels/run-controls.tsx';
import { RunHistory } from '../panels/run-history.tsx';
import { ScenarioKnobs } from '../panels/scenario-knobs.tsx';
import { SummaryPanel } from '../panels/summary-panel.tsx';
import { TimelinePanel } from '../panels/timeline-panel.tsx';
import { useColorTheme } from '../theme/color-scheme.ts';
import type { TimelineController } from '../timeline/timeline-controller.ts';
import { downloadText } from './download.ts';
import { HostStatus } from './host-status.tsx';
import { ThemeToggle } from './theme-toggle.tsx';
import type { RunSession } from './run-session.ts';
import { errorMessage, useAsync } from './use-async.ts';
import { useFileDrop } from './use-file-drop.ts';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts.ts';
import { planRuns } from '../scenario/run-on.ts';
import { useRunOn } from './use-run-on.ts';
import { useScenarioEditor } from './use-scenario-editor.ts';

const NO_PRESETS: Preset[] = [];
const NO_RUNS: RunInfo[] = [];

export function App({ session }: { session: RunSession }) {
  const { bridge } = session;
  const theme = useColorTheme();
  const presets = useAsync(() => bridge.listPresets(), [bridge]);
  const runs = useAsync(() => bridge.listRuns(), [bridge]);
  const host = useAsync(() => bridge.hostInfo(), [bridge]);
  useEffect(() => session.onHistoryChange(runs.reload), [session, runs.reload]);
  const snapshot = useSyncExternalStore(session.clock.subscribe, session.clock.getSnapshot);
  const editor = useScenarioEditor(presets.value, host.value?.cores);
  const runOn = useRunOn(bridge);
  const timeline = useRef<TimelineController | null>(null);
  const [starting, setStarting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ level: 'info' | 'warning' | 'error'; text: string } | null>(null);
  useEffect(() => session.onNotice(setMessage), [session]);

  const running = snapshot.live;

  const act = useCallback(async (what: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await what();
      setMessage(null);
    } catch (e) {
      setMessage({ level: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }, []);
  const openRun = useCallback((id: number) => void act(() => session.open(id)), [act, session]);
  const renameRun = useCallback((id: number, name: string) => void act(() => session.rename(id, name)), [act, session]);
  const deleteRun = useCallback((id: number) => void act(() => session.remove(id)), [act, session]);
  const importFile = useCallback(
    (file: File) => void act(async () => session.importText(await file.text())),
    [act, session],
  );
  const dragging = useFileDrop(importFile);
  const exportRun = (format: ExportFormat) =>
    void act(async () => {
      if (snapshot.runId === null) return;
      const { fileName, mime, text } = await bridge.exportRun(snapshot.runId, format);
      downloadText(fileName, mime, text);
    });

  // Runs compared side by side (baseline first); null when not comparing.
  const [compared, setCompared] = useState<{ ids: number[]; docs: RunDocument[] | null } | null>(null);
  const compare = useCallback(
    (ids: number[]) => {
      setCompared({ ids, docs: null });
      void act(async () => {
        try {
          const docs = await session.loadForComparison(ids);
          setCompared((c) => (c?.ids === ids ? { ids, docs } : c));
        } catch (e) {
          setCompared((c) => (c?.ids === ids ? null : c));
          throw e;
        }
      });
    },
    [act, session],
  );
  const closeComparison = useCallback(() => setCompared(null), []);

  // Run: one run on the model or on real Django; or both, back to back, then compared. `starting`
  // holds through the whole of "both", so Run stays disabled between its two runs.
  const { effective: runOnChoice, availability: runOnAvailability } = runOn;
  const run = useCallback(async () => {
    if (!editor.scenario || starting) return;
    setStarting(true);
    setRunError(null);
    try {
      const plan = planRuns(editor.scenario, runOnChoice, runOnAvailability.djangoLabel);
      if (plan.length === 1) await session.start(plan[0].scenario, plan[0].name);
      else {
        const finished = await session.runAll(plan);
        if (finished.length === plan.length && finished.every((info) => info.status === 'complete'))
          compare(finished.map((info) => info.id));
      }
    } catch (e) {
      setRunError(errorMessage(e));
    } finally {
      setStarting(false);
    }
  }, [editor.scenario, session, starting, runOnChoice, runOnAvailability.djangoLabel, compare]);
  const stop = useCallback(() => {
    session.stop().catch((e: unknown) => setRunError(errorMessage(e)));
  }, [session]);
  useKeyboardShortcuts({
    toggleRun: () => (session.store.isLive ? stop() : void run()),
    timeline: () => timeline.current,
  });
  const exportComparison = () =>
    void act(async () => {
      if (!compared) return;
      const { fileName, mime, text } = await session.exportComparison(compared.ids);
      downloadText(fileName, mime, text);
    });

  const exportRef = useRef(exportRun);
  exportRef.current = exportRun;
  // Stable, so the memoised summary redraws only when its numbers change.
  const exportCurrent = useCallback((format: ExportFormat) => exportRef.current(format), []);
  // File → Export run… in the desktop shell: the same as the HTML report button.
  useEffect(() => session.onMenu((c) => c.command === 'export-run' && exportRef.current('html')), [session]);

  const windowHint =
    editor.bound?.expectedMakespanMs ??
    (editor.knobs?.endKind === 'duration' ? editor.knobs.durationSeconds * 1000 : null);
  const problems = [...(presets.error ? [presets.error] : []), ...editor.problems, ...(runError ? [runError] : [])];

  return (
    <div className={`app ${dragging ? 'drop-target' : ''}`}>
      <header className="app-header">
        <h1>Interleave</h1>
        <span className="tagline">how a server's execution model turns latency into waiting</span>
        <HostStatus bridge={bridge} />
        <ThemeToggle />
      </header>
      <div className="column">
        <PresetPicker
          presets={presets.value ?? NO_PRESETS}
          presetId={editor.preset?.id ?? ''}
          onPick={editor.pick}
          edited={editor.edited}
        />
        {editor.base && editor.knobs && (
          <ScenarioKnobs
            base={editor.base}
            knobs={editor.knobs}
            onChange={editor.setKnobs}
            typed={editor.typed}
            onType={editor.type}
            problemsByKnob={editor.problemsByKnob}
            runOn={runOn.choice}
            runOnAvailability={runOn.availability}
            onRunOnChange={runOn.setChoice}
            disabled={running || starting}
          />
        )}
        <RunControls
          running={running}
          starting={starting}
          canRun={editor.scenario !== null}
          progress={snapshot.live ? snapshot.progress : null}
          problems={problems}
          onRun={() => void run()}
          onStop={stop}
        />
        <BoundPanel bound={editor.bound} />
      </div>
      <main className="column">
        {message && (
          <div className={`notice ${message.level}`} role="alert" data-testid="notice">
            {message.text}{' '}
            <button type="button" className="btn" onClick={() => setMessage(null)}>
              Dismiss
            </button>
          </div>
        )}
        {compared && (
          <ComparisonPanel
            docs={compared.docs}
            theme={theme}
            exportDisabled={busy}
            onExport={exportComparison}
            onClose={closeComparison}
          />
        )}
        <SummaryPanel
          snapshot={snapshot}
          analysis={session.analysis}
          bound={snapshot.live ? editor.bound : null}
          onExport={exportCurrent}
          exportDisabled={snapshot.runId === null || running || busy}
        />
        <TimelinePanel
          store={session.store}
          theme={theme}
          windowHintMicros={windowHint === null ? null : windowHint * 1000}
          controllerRef={timeline}
        />
        <RunCharts clock={session.chartClock} analysis={session.analysis} theme={theme} />
      </main>
      <div className="column history-column">
        <RunHistory
          runs={runs.value ?? NO_RUNS}
          currentRunId={snapshot.runId}
          busy={busy || running}
          onOpen={openRun}
          onRename={renameRun}
          onDelete={deleteRun}
          onImportFile={importFile}
          onCompare={compare}
        />
      </div>
    </div>
  );
}

/**
 * The screen: settings on the left (preset, sliders, what to expect, Run), the run on screen in
 * the middle (numbers, timeline, charts), history on the right. Panels read the run through the
 * panel clock's snapshot (≤ 4 Hz); the timeline reads the store on its own frames.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ExportFormat } from '../../../shared/bridge.ts';
import type { Preset } from '../../../shared/presets.ts';
import type { RunDocument, RunInfo } from '../../../shared/run.ts';
import { RunCharts } from '../charts/run-charts.tsx';
import { ComparisonPanel } from '../panels/comparison-panel.tsx';
import { FirstRun } from '../panels/first-run.tsx';
import { BoundPanel } from '../panels/bound-panel.tsx';
import { PresetPicker } from '../panels/preset-picker.tsx';
import { RunControls } from '../panels/run-controls.tsx';
import { RunHistory } from '../panels/run-history.tsx';
import { ScenarioKnobs } from '../panels/scenario-knobs.tsx';
import { StoryPanel } from '../panels/story-panel.tsx';
import { SummaryPanel } from '../panels/summary-panel.tsx';
import { SweepControls } from '../panels/sweep-controls.tsx';
import { SweepHistory } from '../panels/sweep-history.tsx';
import { SweepPanel } from '../panels/sweep-panel.tsx';
import { knobsForVerdict, sweepToProblem } from '../scenario/sweep-knobs.ts';
import { TimelinePanel } from '../panels/timeline-panel.tsx';
import { useColorTheme } from '../theme/color-scheme.ts';
import type { TimelineController } from '../timeline/timeline-controller.ts';
import { downloadText } from './download.ts';
import { HostStatus } from './host-status.tsx';
import { ThemeToggle } from './theme-toggle.tsx';
import type { RunSession } from './run-session.ts';
import { errorMessage, useAsync } from './use-async.ts';
import { useFileDrop } from './use-file-drop.ts';
import { importRefusal } from './import-limit.ts';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts.ts';
import { contrastPlan } from '../scenario/contrast.ts';
import { planRuns, remoteConfirmation, urlFieldProblem } from '../scenario/run-on.ts';
import { differentSettings } from '../scenario/same-settings.ts';
import { remoteHosts } from '../../../shared/url-target.ts';
import { useRunOn } from './use-run-on.ts';
import { usePrepareThreads } from './use-prepare-threads.ts';
import { useScenarioEditor } from './use-scenario-editor.ts';
import { useSweep } from './use-sweep.ts';

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
  // A stored run on screen brings its settings, so the sliders and What to expect describe it.
  const { load: loadSettings } = editor;
  useEffect(
    () => session.onOpen((doc) => loadSettings({ id: doc.info.id, name: doc.info.name, scenario: doc.scenario })),
    [session, loadSettings],
  );
  const sweep = useSweep(bridge);
  const [sweepTo, setSweepTo] = useState('64');
  const sweepToIssue = sweepToProblem(sweepTo);
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
  const hostMode = host.value?.mode;
  const importFile = useCallback(
    (file: File) =>
      void act(async () => {
        const refusal = importRefusal(file, hostMode);
        if (refusal) throw new Error(refusal);
        setMessage({ level: 'info', text: `Importing ${file.name} (${(file.size / 1024 / 1024).toFixed(1)} MB)…` });
        await session.importText(await file.text(), file.name);
      }),
    [act, session, hostMode],
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
  const urlRun = runOnChoice.runOn === 'url';
  const onModel = runOnChoice.runOn === 'model' || runOnChoice.runOn === 'both';
  usePrepareThreads(bridge, editor.scenario, !running && !starting && !sweep.running, onModel);
  const urlProblem = urlRun ? urlFieldProblem(runOnChoice.url) : null;
  const run = useCallback(async () => {
    if (!editor.scenario || starting) return;
    // A URL run: a bad URL is said beside its field; a host that is not this machine is asked about first.
    let allowRemote: string[] = [];
    if (runOnChoice.runOn === 'url') {
      if (urlFieldProblem(runOnChoice.url)) return;
      allowRemote = remoteHosts({ requests: [{ url: runOnChoice.url }] });
      if (allowRemote.length && !window.confirm(remoteConfirmation(allowRemote))) return;
    }
    setStarting(true);
    setRunError(null);
    try {
      const plan = planRuns(editor.scenario, runOnChoice, runOnAvailability.djangoLabel, allowRemote);
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
  // Start here: the contrast's two runs, then their comparison.
  const runContrast = useCallback(async () => {
    const plan = contrastPlan(presets.value);
    if (!plan || starting) return;
    setStarting(true);
    setRunError(null);
    try {
      const finished = await session.runAll(plan);
      if (finished.length === plan.length) compare(finished.map((info) => info.id));
    } catch (e) {
      setRunError(errorMessage(e));
    } finally {
      setStarting(false);
    }
  }, [presets.value, session, starting, compare]);
  const stop = useCallback(() => {
    session.stop().catch((e: unknown) => setRunError(errorMessage(e)));
  }, [session]);
  // Sweep: the settings on screen, on the target picked (one target: not "both").
  const sweepBlocked = !editor.scenario
    ? 'These settings are not valid yet'
    : running || starting
      ? 'A run is going; stop it first'
      : runOnChoice.runOn === 'both'
        ? 'A sweep runs on one target: pick the model, real Django or a URL'
        : (urlProblem ?? sweepToIssue);
  const { start: startSweepOf } = sweep;
  const startSweep = useCallback(() => {
    if (!editor.scenario || runOnChoice.runOn === 'both' || sweepToIssue) return;
    // A URL sweep asks about a host that is not this machine, as Run does, once for all its steps.
    const allowRemote = urlRun ? remoteHosts({ requests: [{ url: runOnChoice.url }] }) : [];
    if (allowRemote.length && !window.confirm(remoteConfirmation(allowRemote))) return;
    const [planned] = planRuns(editor.scenario, runOnChoice, runOnAvailability.djangoLabel, allowRemote);
    // Steps are named after the scenario: for a URL that is what it sends, not the preset's server.
    const scenario = urlRun && planned.name ? { ...planned.scenario, name: planned.name } : planned.scenario;
    void startSweepOf(scenario, Number(sweepTo));
  }, [editor.scenario, runOnChoice, sweepToIssue, urlRun, runOnAvailability.djangoLabel, startSweepOf, sweepTo]);
  const verdict = sweep.sweep?.analysis.verdict;
  const { pickEdited } = editor;
  const openSweepScenario = useMemo(
    () =>
      verdict?.presetId && !sweep.running
        ? () => pickEdited(verdict.presetId!, (knobs) => knobsForVerdict(knobs, verdict))
        : null,
    [verdict, sweep.running, pickEdited],
  );
  useKeyboardShortcuts({
    toggleRun: () => (sweep.running ? sweep.stop() : session.store.isLive ? stop() : void run()),
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
    (urlRun ? null : editor.bound?.expectedMakespanMs) ??
    (editor.knobs?.endKind === 'duration' ? editor.knobs.durationSeconds * 1000 : null);
  const problems = [
    ...(presets.error ? [presets.error] : []),
    ...editor.problems,
    ...(runError ? [runError] : []),
    ...(sweep.error ? [sweep.error] : []),
  ];

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
          presets={presets.value ? editor.choices : NO_PRESETS}
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
            disabled={running || starting || sweep.running}
          />
        )}
        <RunControls
          running={running}
          starting={starting}
          canRun={editor.scenario !== null && urlProblem === null && !sweep.running}
          progress={snapshot.live ? snapshot.progress : null}
          problems={problems}
          onRun={() => void run()}
          onStop={stop}
          beside={
            <SweepControls
              running={sweep.running}
              blocked={sweepBlocked}
              starting={sweep.starting}
              to={sweepTo}
              toProblem={sweepToIssue}
              onToChange={setSweepTo}
              onSweep={startSweep}
              onStop={sweep.stop}
            />
          }
        />
        <BoundPanel
          bound={urlRun ? null : editor.bound}
          note={
            urlRun
              ? 'Nothing to predict: a URL run measures your own server, which the model knows nothing about.'
              : null
          }
        />
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
        {/* Gone at the click (not when the run starts), so the page moves under the user's own input. */}
        {!compared && !starting && snapshot.status === 'idle' && runs.value?.length === 0 && (
          <FirstRun disabled={presets.value === undefined} onRun={() => void runContrast()} />
        )}
        {sweep.sweep && (
          <SweepPanel
            sweep={sweep.sweep}
            progress={sweep.progress}
            theme={theme}
            onOpenScenario={openSweepScenario}
            onClose={sweep.close}
          />
        )}
        {compared && (
          <ComparisonPanel
            docs={compared.docs}
            theme={theme}
            exportDisabled={busy}
            onExport={exportComparison}
            onClose={closeComparison}
            cores={host.value?.cores}
          />
        )}
        <SummaryPanel
          snapshot={snapshot}
          analysis={session.analysis}
          bound={snapshot.live && !sweep.running && snapshot.scenario?.target?.kind !== 'url' ? editor.bound : null}
          onExport={exportCurrent}
          exportDisabled={snapshot.runId === null || running || busy}
          otherSettings={!running && differentSettings(snapshot.scenario, editor.scenario)}
        />
        <StoryPanel bridge={bridge} snapshot={snapshot} />
        <TimelinePanel
          store={session.store}
          theme={theme}
          windowHintMicros={windowHint === null ? null : windowHint * 1000}
          controllerRef={timeline}
        />
        <RunCharts clock={session.chartClock} analysis={session.analysis} theme={theme} />
      </main>
      <div className="column history-column">
        <SweepHistory sweeps={sweep.stored} currentId={sweep.sweep?.id ?? null} onOpen={sweep.open} />
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

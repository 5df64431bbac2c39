/**
 * The sweep on screen, as React state: the live one (from the bridge's 'sweep' events, whoever
 * started it: this page, another window, the command line) or a stored one opened again, its
 * progress line, and the stored sweeps to pick from. Calls go through the typed bridge only.
 *
 * The steps' runs also arrive as ordinary 'run' events, so the timeline and the charts follow
 * each step live as they do any run; this state is only the sweep's own view.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BridgeClient } from '../../../shared/bridge.ts';
import type { Scenario } from '../../../shared/scenario.ts';
import type { SweepInfo, SweepProgress, SweepResult } from '../../../shared/sweep.ts';
import { errorMessage, useAsync } from './use-async.ts';

export interface SweepState {
  /** The sweep shown; null when the panel is closed. */
  sweep: SweepResult | null;
  /** Where the running sweep is; null when none runs. */
  progress: SweepProgress | null;
  running: boolean;
  /** Set while the start call is pending (before the first step runs). */
  starting: boolean;
  error: string | null;
  stored: readonly SweepInfo[];
  start(scenario: Scenario, to: number): Promise<void>;
  stop(): void;
  open(sweepId: number): void;
  close(): void;
}

const NO_SWEEPS: SweepInfo[] = [];

export function useSweep(bridge: BridgeClient): SweepState {
  const [sweep, setSweep] = useState<SweepResult | null>(null);
  const [progress, setProgress] = useState<SweepProgress | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useAsync(() => bridge.listSweeps(), [bridge]);
  const { reload } = list;

  useEffect(
    () =>
      bridge.on('sweep', (event) => {
        switch (event.type) {
          case 'started':
          case 'step':
            setSweep(event.sweep);
            break;
          case 'progress':
            setProgress(event.progress);
            break;
          case 'finished':
            setSweep(event.sweep);
            setProgress(null);
            reload();
            break;
        }
      }),
    [bridge, reload],
  );

  const start = useCallback(
    async (scenario: Scenario, to: number) => {
      setStarting(true);
      setError(null);
      try {
        const started = await bridge.startSweep({ scenario, from: 1, to });
        // Its events came first (the 'started' event, maybe a step): keep what they said.
        setSweep((current) => (current?.id === started.id ? current : started));
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setStarting(false);
        reload();
      }
    },
    [bridge, reload],
  );
  const running = sweep?.status === 'running';
  const sweepId = sweep?.id;
  const stop = useCallback(() => {
    if (sweepId !== undefined) bridge.stopSweep(sweepId).catch((e: unknown) => setError(errorMessage(e)));
  }, [bridge, sweepId]);
  const open = useCallback(
    (id: number) => {
      bridge.loadSweep(id).then(setSweep, (e: unknown) => setError(errorMessage(e)));
    },
    [bridge],
  );
  const close = useCallback(() => {
    setSweep(null);
    setError(null);
  }, []);
  return {
    sweep,
    progress: running ? progress : null,
    running,
    starting,
    error: error ?? list.error,
    stored: list.value ?? NO_SWEEPS,
    start,
    stop,
    open,
    close,
  };
}

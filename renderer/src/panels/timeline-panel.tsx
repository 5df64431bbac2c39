/**
 * The timeline's React shell: view tabs, zoom and follow buttons, the canvas and its hover card,
 * and the legend. It mounts a TimelineController once and hands it commands; drawing happens
 * in the controller on animation frames, so this component re-renders only when its buttons do
 * (memo: the app re-renders at the panel clock's 4 Hz while a run streams; this has no part in it).
 */
import { memo, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { ColorTheme } from '../../../shared/phase-colors.ts';
import type { TraceStore } from '../state/trace-store.ts';
import { timelinePalette } from '../theme/timeline-theme.ts';
import { TimelineController, type TimelineMode } from '../timeline/timeline-controller.ts';
import { PhaseLegend } from './phase-legend.tsx';

const ZOOM_STEP = 1.5;

interface Props {
  store: TraceStore;
  theme: ColorTheme;
  /** Expected run length (µs), for the live window. */
  windowHintMicros: number | null;
  controllerRef: RefObject<TimelineController | null>;
}

export const TimelinePanel = memo(function TimelinePanel({ store, theme, windowHintMicros, controllerRef }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);
  const paletteRef = useRef(theme);
  const [mode, setMode] = useState<TimelineMode>('lanes');
  const [following, setFollowing] = useState(true);
  const [flows, setFlows] = useState(false);

  useLayoutEffect(() => {
    const palettes = new Map<ColorTheme, ReturnType<typeof timelinePalette>>();
    const palette = () => {
      const t = paletteRef.current;
      if (!palettes.has(t)) palettes.set(t, timelinePalette(t));
      return palettes.get(t)!;
    };
    const controller = new TimelineController(canvasRef.current!, tooltipRef.current!, store, palette, (s) => {
      setFollowing(s.following);
      setMode(s.mode);
    });
    controllerRef.current = controller;
    const box = boxRef.current!;
    const observer = new ResizeObserver(() => controller.resize(box.clientWidth, box.clientHeight));
    observer.observe(box);
    controller.resize(box.clientWidth, box.clientHeight);
    return () => {
      observer.disconnect();
      controller.dispose();
      controllerRef.current = null;
    };
  }, [store, controllerRef]);

  useEffect(() => {
    paletteRef.current = theme;
    controllerRef.current?.refresh();
  }, [theme, controllerRef]);

  useEffect(() => {
    if (windowHintMicros !== null) controllerRef.current?.setWindowHint(windowHintMicros);
  }, [windowHintMicros, controllerRef]);

  const c = () => controllerRef.current;
  return (
    <section className="panel timeline" aria-label="Timeline">
      <div className="timeline-bar">
        <div className="btn-row" role="tablist" aria-label="Timeline view">
          {(['lanes', 'requests'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              aria-selected={mode === m}
              className={`btn ${mode === m ? 'active' : ''}`}
              data-testid={`view-${m}`}
              onClick={() => {
                setMode(m);
                c()?.setMode(m);
              }}
            >
              {m === 'lanes' ? 'Lanes (threads)' : 'Requests (waterfall)'}
            </button>
          ))}
        </div>
        <div className="btn-row">
          {mode === 'requests' && (
            <button
              type="button"
              className={`btn ${flows ? 'active' : ''}`}
              aria-pressed={flows}
              data-testid="who-blocked-whom"
              title="Arrows from each request that held a thread, the lock or the loop to the waits it prolonged"
              onClick={() => {
                setFlows(!flows);
                c()?.setFlows(!flows);
              }}
            >
              Who blocked whom
            </button>
          )}
          <button
            type="button"
            className={`btn ${following ? 'active' : ''}`}
            aria-pressed={following}
            onClick={() => c()?.followLive()}
            data-testid="follow"
          >
            Follow live
          </button>
          <button type="button" className="btn" onClick={() => c()?.fit()} title="Show the whole run (double-click)">
            Fit
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => c()?.zoom(1 / ZOOM_STEP)}
            aria-label="Zoom out"
            title="Zoom out (−)"
          >
            −
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => c()?.zoom(ZOOM_STEP)}
            aria-label="Zoom in"
            title="Zoom in (+)"
          >
            +
          </button>
        </div>
        <span className="hint">drag pans · Ctrl+wheel zooms · ←→ pan · +/− zoom</span>
      </div>
      <div className="timeline-box" ref={boxRef}>
        <canvas
          ref={canvasRef}
          data-testid="timeline-canvas"
          data-mode={mode}
          aria-label={`Timeline, ${mode} view`}
          role="img"
        />
        <div className="tooltip" ref={tooltipRef} data-testid="timeline-tooltip" />
      </div>
      <PhaseLegend theme={theme} mode={mode} />
    </section>
  );
});

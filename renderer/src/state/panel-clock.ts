/**
 * The pace at which panels (numbers, charts, history) follow a streaming run: at most one
 * snapshot every `intervalMs` (250 ms, so 4 Hz), the first change after a quiet spell shown at
 * once and the last change of a burst never lost. Each snapshot asks for the live run's numbers
 * and series, recomputed from every record (in the analysis worker, analysis/live-analysis.ts),
 * so this clock, not the arrival rate of trace batches, decides how often that work is done.
 */
import type { RunSnapshot, TraceStore } from './trace-store.ts';

const PANEL_INTERVAL_MS = 250;
/** The charts' series scan every record (~5.5 ms at 20,000 requests): half the panels' pace. */
export const CHART_INTERVAL_MS = 500;

export class PanelClock {
  private current: RunSnapshot;
  private lastPublish = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private listeners = new Set<() => void>();
  private unsubscribeStore: () => void;

  constructor(
    private readonly store: TraceStore,
    private readonly intervalMs = PANEL_INTERVAL_MS,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.current = store.snapshot();
    this.unsubscribeStore = store.subscribe(() => this.onChange());
  }

  /** The latest published snapshot (stable between publishes). */
  get snapshot(): RunSnapshot {
    return this.current;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RunSnapshot => this.current;

  dispose(): void {
    this.unsubscribeStore();
    if (this.timer) clearTimeout(this.timer);
  }

  private onChange(): void {
    if (this.timer) return;
    const wait = this.lastPublish + this.intervalMs - this.now();
    if (wait <= 0) this.publish();
    else this.timer = setTimeout(() => this.publish(), wait);
  }

  private publish(): void {
    this.timer = null;
    this.lastPublish = this.now();
    this.current = this.store.snapshot();
    for (const l of this.listeners) l();
  }
}

/**
 * The live timeline's imperative half: it owns one canvas, turns pointer, wheel and keyboard
 * input into viewport changes, and draws on frames from the shared scheduler, never inside a
 * React render. It reads the run store directly; React only mounts it and forwards commands.
 *
 * Input: drag pans (time and rows), wheel scrolls rows, Shift+wheel or a sideways swipe pans
 * time, Ctrl/⌘+wheel (and pinch) zooms at the pointer, double-click fits the run.
 */
import { storyMode } from './story-mode.ts';
import { SPAN_STRIDE, SpanField, type Micros } from '../../../shared/trace.ts';
import type { TraceStore } from '../state/trace-store.ts';
import { cancelDraw, requestDraw } from './frame-scheduler.ts';
import { LanesView } from './lanes-view.ts';
import { RequestsView } from './requests-view.ts';
import { RowMerger } from './level-of-detail.ts';
import { PHASE_RULES } from './phase-priority.ts';
import { TimelineFrame } from './timeline-frame.ts';
import { TimelineTooltip } from './timeline-tooltip.ts';
import type { TimelinePalette } from './timeline-palette.ts';
import { TimeScale } from './time-scale.ts';
import { AXIS_HEIGHT_CSS_PX, GUTTER_WIDTH_CSS_PX } from './draw-frame-chrome.ts';
import * as vp from './viewport.ts';

export type TimelineMode = 'lanes' | 'requests';

export interface TimelineStatus {
  following: boolean;
  mode: TimelineMode;
}

/** How often a live timeline scrolls to follow "now" between data batches (see tooSoonToScroll). */
const FOLLOW_FPS = 20;
/** How far past the last data the live edge may run between batches, µs. */
const MAX_EXTRAPOLATION_MICROS = 1_000_000;

export class TimelineController {
  private readonly views: { lanes: LanesView; requests: RequestsView };
  private readonly frame: TimelineFrame;
  private readonly tooltip: TimelineTooltip;
  private mode: TimelineMode = 'lanes';
  private viewport = vp.initialViewport(600);
  private pointer: { x: number; y: number } | null = null;
  private drag: { x: number; y: number; id: number } | null = null;
  private hoverReq = -1;
  private showFlows = false;
  private runSeen: number | null = null;
  private wasLive = false;
  private dataNowMicros = 0;
  private dataNowAtMs = 0;
  private windowHintMicros = vp.DEFAULT_WINDOW_MICROS;
  /** Something besides the passing of time changed since the last drawn frame. */
  private dirty = true;
  /** The live "now" the last drawn frame showed. */
  private drawnNowMicros = -Infinity;
  private drawnAtMs = 0;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    canvas: HTMLCanvasElement,
    tooltipElement: HTMLElement,
    private readonly store: TraceStore,
    palette: () => TimelinePalette,
    private readonly onStatus: (status: TimelineStatus) => void,
  ) {
    this.views = { lanes: new LanesView(store), requests: new RequestsView(store) };
    this.frame = new TimelineFrame(canvas, palette, new RowMerger(TimeScale.fit(0, 1, 1), PHASE_RULES));
    this.tooltip = new TimelineTooltip(tooltipElement);
    this.cleanups.push(store.subscribe(() => this.onStoreChange()));
    this.listen(canvas);
    this.onStoreChange();
  }

  dispose(): void {
    cancelDraw(this.draw);
    for (const c of this.cleanups) c();
  }

  /** The container was resized (CSS px). */
  resize(widthCssPx: number, heightCssPx: number): void {
    this.frame.resize(widthCssPx, heightCssPx);
    this.viewport = vp.resize(this.viewport, Math.max(1, widthCssPx - GUTTER_WIDTH_CSS_PX));
    this.redraw();
  }

  /** Draw who blocked whom: arrows from each holder to the waits it prolonged (requests view). */
  setFlows(on: boolean): void {
    this.showFlows = on;
    this.redraw();
  }

  setMode(mode: TimelineMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.viewport = { ...this.viewport, scrollYCssPx: 0 };
    this.hoverReq = -1;
    this.tooltip.hide();
    this.redraw();
    this.status();
  }

  /**
   * The window a live run opens with: the whole expected run when it is short, five seconds of it
   * when it is long (individual requests stay visible, and each frame touches fewer spans).
   */
  setWindowHint(micros: number): void {
    this.windowHintMicros = Math.min(5_000_000, Math.max(200_000, micros * 1.1));
  }

  /** Pan by a fraction of the visible width (arrow keys). */
  panByFraction(fraction: number): void {
    this.update(vp.panBy(this.viewport, fraction * this.viewport.scale.widthCssPx));
  }

  scrollRows(dyCssPx: number): void {
    this.update(vp.scrollBy(this.viewport, dyCssPx, this.contentHeight(), this.rowsHeight()));
  }

  zoom(factor: number): void {
    this.update(this.zoomed(this.viewport.scale.widthCssPx / 2, factor));
  }

  fit(): void {
    this.update(this.fitted());
  }

  /** Draw again (the palette changed). */
  refresh(): void {
    this.redraw();
  }

  followLive(): void {
    this.update(vp.follow(this.viewport));
  }

  /** Zoomed; the live waterfall fits its own time to its rows, so zooming it stops following. */
  private zoomed(anchorCssPx: number, factor: number): vp.Viewport {
    const next = vp.zoomBy(this.viewport, anchorCssPx, factor);
    return this.mode === 'requests' && this.store.isLive ? { ...next, following: false } : next;
  }

  /** The viewport showing the whole run on screen. */
  /** The whole run, from its first request: a finished or opened run starts at its start. */
  private fitted(): vp.Viewport {
    const [first, last] = this.store.extentMicros() ?? [0, 1000];
    return { ...vp.fitTo(this.viewport, first, Math.max(last, first + 1000)), scrollYCssPx: 0 };
  }

  private update(next: vp.Viewport): void {
    const followingChanged = next.following !== this.viewport.following;
    this.viewport = next;
    this.redraw();
    if (followingChanged) this.status();
  }

  private status(): void {
    this.onStatus({ following: this.viewport.following, mode: this.mode });
  }

  private redraw(): void {
    this.dirty = true;
    requestDraw(this.draw);
  }

  private rowsHeight(): number {
    return Math.max(1, this.frame.heightCssPx - AXIS_HEIGHT_CSS_PX);
  }

  private contentHeight(): number {
    return this.views[this.mode].contentHeightCssPx(this.rowsHeight());
  }

  private onStoreChange(): void {
    const runId = this.store.currentRunId;
    const live = this.store.isLive;
    if (runId !== this.runSeen) {
      this.runSeen = runId;
      // Each run opens in the view that shows its story (story-mode.ts); the tabs still switch.
      this.mode = storyMode(this.store.currentScenario);
      this.dataNowMicros = 0;
      this.viewport = live ? vp.initialViewport(this.viewport.scale.widthCssPx, this.windowHintMicros) : this.fitted();
      this.hoverReq = -1;
      this.tooltip.hide();
      this.status();
    } else if (this.wasLive && !live && this.viewport.following) {
      this.viewport = this.fitted();
      this.status();
    }
    this.wasLive = live;
    const extent = this.store.extentMicros();
    if (extent && extent[1] > this.dataNowMicros) {
      this.dataNowMicros = extent[1];
      this.dataNowAtMs = performance.now();
    }
    this.redraw();
  }

  /** "Now" on the run's clock: the latest data, carried forward smoothly between batches. */
  private liveNowMicros(): number {
    const since = (performance.now() - this.dataNowAtMs) * 1000;
    return this.dataNowMicros + Math.min(MAX_EXTRAPOLATION_MICROS, Math.max(0, since));
  }

  private readonly draw = (): void => {
    const live = this.store.isLive;
    const origin = this.store.extentMicros()?.[0];
    // Until the first record arrives there is no "now" on the run's clock to follow.
    const now = live && origin !== undefined ? this.liveNowMicros() : null;
    if (now !== null && !this.dirty && this.viewport.following && this.tooSoonToScroll(now)) {
      requestDraw(this.draw);
      return;
    }
    this.dirty = false;
    this.drawnNowMicros = now ?? -Infinity;
    this.drawnAtMs = performance.now();
    if (now !== null) this.viewport = vp.followNow(this.viewport, now, origin);
    const view = this.views[this.mode];
    const rowsHeight = this.rowsHeight();
    const contentHeight = view.contentHeightCssPx(rowsHeight);
    const scrollY =
      this.viewport.following && this.mode === 'requests' ? contentHeight - rowsHeight : this.viewport.scrollYCssPx;
    this.viewport = { ...this.viewport, scrollYCssPx: vp.clampScroll(scrollY, contentHeight, rowsHeight) };
    if (now !== null && this.viewport.following && this.mode === 'requests') {
      // Following the waterfall, time fits the newest rows: from the first of them to now.
      const first = this.views.requests.earliestMicros(this.viewport.scrollYCssPx, rowsHeight);
      if (first !== null) this.viewport = vp.fitLive(this.viewport, first, now);
    }
    this.frame.draw({
      view,
      viewport: this.viewport,
      nowMicros: now,
      live,
      hoverReq: this.hoverReq,
      pointerX: this.pointer?.x ?? null,
      labelRequests: this.mode === 'lanes',
      flows: this.showFlows,
    });
    if (this.pointer && !this.drag) this.updateHover();
    if (live && this.viewport.following) requestDraw(this.draw);
  };

  /**
   * Following a live run, most frames would only scroll the same picture: data arrives in
   * batches (10 a second, each drawn at once, as is any input), and between them only the
   * extrapolated "now" moves. Those frames are drawn at FOLLOW_FPS, and not at all while "now"
   * has moved less than a pixel. Every redraw costs ~2 ms of script and a software raster of
   * the whole canvas on the one core the engine leaves to the page; at 60 Hz they pushed the
   * p95 frame time of a streaming run to ~22 ms, at 20 Hz it is ~15 (bench/benchmarks/renderer.ts).
   */
  private tooSoonToScroll(now: Micros): boolean {
    return (
      performance.now() - this.drawnAtMs < 1000 / FOLLOW_FPS ||
      Math.abs(now - this.drawnNowMicros) < this.viewport.scale.microsPerCssPx
    );
  }

  private updateHover(): void {
    const p = this.pointer;
    const scale = this.viewport.scale;
    const inRows = p && p.x >= GUTTER_WIDTH_CSS_PX && p.y >= AXIS_HEIGHT_CSS_PX;
    const hit = inRows
      ? this.views[this.mode].hit(
          scale.microsFromCssPx(p.x - GUTTER_WIDTH_CSS_PX),
          p.y - AXIS_HEIGHT_CSS_PX,
          this.viewport.scrollYCssPx,
          this.rowsHeight(),
          3 * scale.microsPerCssPx,
        )
      : null;
    const req = !hit
      ? -1
      : hit.kind === 'request'
        ? hit.req
        : this.store.spans.data[hit.span * SPAN_STRIDE + SpanField.req];
    if (!hit || !p) this.tooltip.hide();
    else this.tooltip.show(this.store, hit, p.x, p.y, this.frame.widthCssPx, this.frame.heightCssPx);
    if (req !== this.hoverReq) {
      this.hoverReq = req;
      this.redraw();
    }
  }

  private listen(canvas: HTMLCanvasElement): void {
    const on = <K extends keyof HTMLElementEventMap>(
      type: K,
      fn: (e: HTMLElementEventMap[K]) => void,
      options?: AddEventListenerOptions,
    ) => {
      canvas.addEventListener(type, fn as EventListener, options);
      this.cleanups.push(() => canvas.removeEventListener(type, fn as EventListener, options));
    };
    const local = (e: MouseEvent) => {
      const r = canvas.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    on('pointerdown', (e) => {
      if (e.button !== 0) return;
      canvas.setPointerCapture(e.pointerId);
      this.drag = { ...local(e), id: e.pointerId };
      this.tooltip.hide();
    });
    on('pointermove', (e) => {
      const p = local(e);
      if (this.drag) {
        const dx = p.x - this.drag.x;
        const dy = p.y - this.drag.y;
        this.drag = { ...p, id: this.drag.id };
        let next = dx ? vp.panBy(this.viewport, -dx) : this.viewport;
        if (dy) next = vp.scrollBy(next, -dy, this.contentHeight(), this.rowsHeight());
        this.update(next);
      }
      this.pointer = p;
      if (!this.drag) this.updateHover();
      this.redraw();
    });
    const endDrag = (e: PointerEvent) => {
      if (this.drag?.id === e.pointerId) this.drag = null;
    };
    on('pointerup', endDrag);
    on('pointercancel', endDrag);
    on('pointerleave', () => {
      this.pointer = null;
      this.tooltip.hide();
      if (this.hoverReq !== -1) this.hoverReq = -1;
      this.redraw();
    });
    on('dblclick', () => this.fit());
    on(
      'wheel',
      (e) => {
        e.preventDefault();
        const p = local(e);
        const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.rowsHeight() : 1;
        const dx = e.deltaX * unit;
        const dy = e.deltaY * unit;
        if (e.ctrlKey || e.metaKey) this.update(this.zoomed(p.x - GUTTER_WIDTH_CSS_PX, Math.exp(-dy * 0.002)));
        else if (e.shiftKey) this.update(vp.panBy(this.viewport, dy || dx));
        else if (Math.abs(dx) > Math.abs(dy)) this.update(vp.panBy(this.viewport, dx));
        else this.update(vp.scrollBy(this.viewport, dy, this.contentHeight(), this.rowsHeight()));
      },
      { passive: false },
    );
  }
}

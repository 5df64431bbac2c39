/**
 * One frame of the timeline on its canvas. This is the only place the device pixel ratio
 * appears: the backing store is sized in device pixels and the context is scaled once, so
 * every drawing function below works in CSS pixels and stays sharp on any screen.
 */
import type { Micros } from '../../../shared/trace.ts';
import {
  AXIS_HEIGHT_CSS_PX,
  GUTTER_WIDTH_CSS_PX,
  drawAxisAndGrid,
  drawGutter,
  drawTimeLine,
} from './draw-frame-chrome.ts';
import { drawFlows } from './draw-flows.ts';
import { drawTracks } from './draw-rows.ts';
import type { RowMerger } from './level-of-detail.ts';
import type { TimelinePalette } from './timeline-palette.ts';
import type { TimelineView } from './track.ts';
import type { Viewport } from './viewport.ts';

export interface FrameInput {
  view: TimelineView;
  viewport: Viewport;
  /** The live edge, or null when the run is not live (or has recorded nothing yet). */
  nowMicros: Micros | null;
  live: boolean;
  hoverReq: number;
  pointerX: number | null;
  labelRequests: boolean;
  /** Draw the who-blocked-whom overlay (views that can). */
  flows: boolean;
}

export class TimelineFrame {
  widthCssPx = 1;
  heightCssPx = 1;
  /** Rectangles filled in the last frame (after level of detail). */
  lastRectCount = 0;
  private readonly ctx: CanvasRenderingContext2D;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly palette: () => TimelinePalette,
    private readonly merger: RowMerger,
  ) {
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    this.ctx = ctx;
  }

  resize(widthCssPx: number, heightCssPx: number): void {
    this.widthCssPx = Math.max(1, Math.floor(widthCssPx));
    this.heightCssPx = Math.max(1, Math.floor(heightCssPx));
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(this.widthCssPx * dpr);
    this.canvas.height = Math.round(this.heightCssPx * dpr);
    this.canvas.style.width = `${this.widthCssPx}px`;
    this.canvas.style.height = `${this.heightCssPx}px`;
  }

  draw({ view, viewport, nowMicros, live, hoverReq, pointerX, labelRequests, flows }: FrameInput): void {
    const { ctx } = this;
    const palette = this.palette();
    const dpr = this.canvas.width / this.widthCssPx;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const size = { widthCssPx: this.widthCssPx, heightCssPx: this.heightCssPx };
    const scale = viewport.scale;
    drawAxisAndGrid(ctx, scale, size, palette);
    const rowsHeight = this.heightCssPx - AXIS_HEIGHT_CSS_PX;
    const { tracks, labels } = view.layout(viewport.scrollYCssPx, rowsHeight);

    ctx.save();
    ctx.beginPath();
    ctx.rect(0, AXIS_HEIGHT_CSS_PX, this.widthCssPx, rowsHeight);
    ctx.clip();
    ctx.translate(0, AXIS_HEIGHT_CSS_PX);
    drawGutter(ctx, labels, { widthCssPx: this.widthCssPx, heightCssPx: rowsHeight }, palette, hoverReq);
    ctx.beginPath();
    ctx.rect(GUTTER_WIDTH_CSS_PX, 0, this.widthCssPx - GUTTER_WIDTH_CSS_PX, rowsHeight);
    ctx.clip();
    this.lastRectCount = drawTracks({
      ctx,
      tracks,
      scale,
      merger: this.merger,
      palette,
      xOffsetCssPx: GUTTER_WIDTH_CSS_PX,
      highlightReq: hoverReq,
      labelRequests,
    });
    const flowLines = flows && view.flowLines ? view.flowLines(viewport.scrollYCssPx, rowsHeight) : [];
    drawFlows(ctx, flowLines, scale, GUTTER_WIDTH_CSS_PX, palette.now);
    ctx.restore();

    if (nowMicros !== null) drawTimeLine(ctx, scale, nowMicros, size, palette.now);
    if (pointerX !== null && pointerX > GUTTER_WIDTH_CSS_PX)
      drawTimeLine(ctx, scale, scale.microsFromCssPx(pointerX - GUTTER_WIDTH_CSS_PX), size, palette.grid);
    const note =
      view.note() ??
      (tracks.length === 0
        ? live
          ? 'Waiting for the first spans…'
          : 'No run on screen yet: pick a preset and press Run.'
        : null);
    if (note) {
      ctx.fillStyle = palette.mutedText;
      ctx.font = palette.font;
      ctx.textBaseline = 'middle';
      ctx.fillText(note, GUTTER_WIDTH_CSS_PX + 12, this.heightCssPx - 14);
    }
    this.canvas.dataset.rects = String(this.lastRectCount);
    this.canvas.dataset.tracks = String(tracks.length);
    this.canvas.dataset.flows = String(flowLines.length);
    // The first row drawn (its label, e.g. "#0"), so tests can see where the view starts.
    this.canvas.dataset.firstRow = labels[0]?.text ?? '';
    // Every row label drawn, for tests that check which lanes a run has (canvas text is not in the DOM).
    this.canvas.dataset.rowLabels = labels.map((l) => l.text).join('\n');
    // The time in view (µs on the run's clock), for tests that wait for a view to settle.
    this.canvas.dataset.window = `${Math.round(scale.startMicros)} ${Math.round(scale.endMicros)}`;
    // The time window drawn, for tests that zoom and pan from the keyboard (µs, the run's clock).
    this.canvas.dataset.startUs = String(scale.startMicros);
    this.canvas.dataset.windowUs = String(scale.durationMicros);
  }
}

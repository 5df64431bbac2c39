/**
 * A live chart's canvas. It keeps the latest model and size and draws them in the next
 * animation frame through the one frame scheduler, however many updates or resizes arrive
 * before it: React hands it data, never draws. The device pixel ratio appears only here, in
 * the backing store's size and the context's scale.
 */
import type { ChartColors } from '../../theme/chart-theme.ts';
import { cancelDraw, requestDraw } from '../../timeline/frame-scheduler.ts';
import type { ChartModel } from './chart-model.ts';
import { drawChart } from './draw-chart.ts';

export class LiveChartView {
  private model: ChartModel | null = null;
  private colors: ChartColors | null = null;
  private widthCssPx = 0;
  private heightCssPx = 0;
  private readonly ctx: CanvasRenderingContext2D;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    this.ctx = ctx;
  }

  show(model: ChartModel, colors: ChartColors): void {
    this.model = model;
    this.colors = colors;
    requestDraw(this.draw);
  }

  resize(widthCssPx: number, heightCssPx: number): void {
    this.widthCssPx = Math.max(1, Math.floor(widthCssPx));
    this.heightCssPx = Math.max(1, Math.floor(heightCssPx));
    requestDraw(this.draw);
  }

  dispose(): void {
    cancelDraw(this.draw);
  }

  private readonly draw = (): void => {
    if (!this.model || !this.colors || this.widthCssPx === 0) return;
    const dpr = window.devicePixelRatio || 1;
    const width = Math.round(this.widthCssPx * dpr);
    const height = Math.round(this.heightCssPx * dpr);
    // Setting a canvas's size clears and reallocates it: only when it really changed.
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const fontFamily = getComputedStyle(this.canvas).fontFamily;
    const drawn = drawChart(this.ctx, this.model, this.widthCssPx, this.heightCssPx, this.colors, fontFamily);
    // For tests: what the last frame drew, readable without decoding pixels.
    this.canvas.dataset.marks = String(drawn);
  };
}

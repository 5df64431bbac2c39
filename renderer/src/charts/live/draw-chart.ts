/**
 * One frame of a live chart: gridlines, the marks, both axes with their labels, and the legend,
 * in the still recharts chart's places and colours (its text baselines, 0.71 em under the top
 * of an x label and 0.355 em under the middle of a y label, are copied so labels do not hop
 * when a run finishes). Works in CSS pixels; the caller has scaled the context.
 */
import { CHART_MARGIN, TICK_FONT_SIZE, Y_AXIS_WIDTH } from '../chart-axes.ts';
import type { ChartColors } from '../../theme/chart-theme.ts';
import { barRects } from './bar-layout.ts';
import type { ChartModel, LineMark } from './chart-model.ts';
import { linePoints } from './line-points.ts';
import { LEGEND_HEIGHT_CSS_PX, linearScale, plotRect, type PlotRect, type Scale } from './plot-area.ts';
import { shownLabels } from './tick-labels.ts';

/** recharts' tick line (6) and the gap after it (2): labels keep that distance from their axis. */
const LABEL_OFFSET = 8;
const LINE_WIDTH = 1.5;
const BAR_GAP = 1;
/** The legend's swatch: a short line, as recharts' `plainline` icon, then a gap before the name. */
const SWATCH_WIDTH = 14;
const SWATCH_GAP = 4;
const ITEM_GAP = 10;

/** Aligns a 1-pixel line to the pixel grid so it is drawn sharp, not smeared over two. */
const crisp = (v: number) => Math.round(v) + 0.5;

/** Draws `model` on a cleared canvas of the given size; returns how many points or bars it drew. */
export function drawChart(
  ctx: CanvasRenderingContext2D,
  model: ChartModel,
  widthCssPx: number,
  heightCssPx: number,
  colors: ChartColors,
  fontFamily: string,
): number {
  ctx.clearRect(0, 0, widthCssPx, heightCssPx);
  ctx.font = `${TICK_FONT_SIZE}px ${fontFamily}`;
  const plot = plotRect(widthCssPx, heightCssPx, model.legend);
  const x = linearScale(model.x.from, model.x.to, plot.left, plot.right);
  const y = linearScale(0, model.y.top, plot.bottom, plot.top);

  ctx.strokeStyle = colors.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const t of model.y.ticks) {
    ctx.moveTo(plot.left, crisp(y(t.value)));
    ctx.lineTo(plot.right, crisp(y(t.value)));
  }
  ctx.stroke();

  const drawn = drawMarks(ctx, model, plot, x, y);
  drawAxes(ctx, model, plot, x, y, colors.axis, widthCssPx);
  if (model.legend && model.marks.kind === 'lines') drawLegend(ctx, model.marks.lines, widthCssPx, heightCssPx);
  return drawn;
}

function drawMarks(ctx: CanvasRenderingContext2D, model: ChartModel, plot: PlotRect, x: Scale, y: Scale): number {
  const { marks } = model;
  if (marks.kind === 'bars') {
    ctx.fillStyle = marks.color;
    for (const bar of barRects(marks.counts, x, y, BAR_GAP)) ctx.fillRect(bar.x, bar.y, bar.width, bar.height);
    return marks.counts.length;
  }
  ctx.save();
  // Lines stop at the plot's edges, as in the still chart (the x range may start after the data).
  ctx.beginPath();
  ctx.rect(plot.left, plot.top - LINE_WIDTH, plot.right - plot.left, plot.bottom - plot.top + 2 * LINE_WIDTH);
  ctx.clip();
  ctx.lineWidth = LINE_WIDTH;
  let points = 0;
  for (const line of marks.lines) points += strokeLine(ctx, line, x, y, marks.step);
  ctx.restore();
  return points;
}

function strokeLine(ctx: CanvasRenderingContext2D, line: LineMark, x: Scale, y: Scale, step: boolean): number {
  const p = linePoints(line.rows, line.key, x, y, step);
  if (p.length < 4) return p.length / 2;
  ctx.strokeStyle = line.color;
  ctx.beginPath();
  ctx.moveTo(p[0], p[1]);
  for (let i = 2; i < p.length; i += 2) ctx.lineTo(p[i], p[i + 1]);
  ctx.stroke();
  return p.length / 2;
}

function drawAxes(
  ctx: CanvasRenderingContext2D,
  model: ChartModel,
  plot: PlotRect,
  x: Scale,
  y: Scale,
  color: string,
  widthCssPx: number,
): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(crisp(plot.left), plot.top);
  ctx.lineTo(crisp(plot.left), crisp(plot.bottom));
  ctx.lineTo(plot.right, crisp(plot.bottom));
  ctx.stroke();

  ctx.fillStyle = color;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'right';
  const yLabelRight = Y_AXIS_WIDTH - LABEL_OFFSET;
  for (const t of model.y.ticks) ctx.fillText(t.label, yLabelRight, y(t.value) + 0.355 * TICK_FONT_SIZE);

  ctx.textAlign = 'center';
  const ticks = model.x.ticks;
  const labels = ticks.map((t) => ({ at: x(t.value), width: ctx.measureText(t.label).width }));
  const baseline = plot.bottom + LABEL_OFFSET + 0.71 * TICK_FONT_SIZE;
  for (const s of shownLabels(labels, model.x.minLabelGap, 0, widthCssPx)) {
    ctx.fillText(ticks[s.index].label, s.at, baseline);
  }
}

/** Centred within the margins: a swatch and the name, in the line's colour, for each line. */
function drawLegend(
  ctx: CanvasRenderingContext2D,
  lines: readonly LineMark[],
  widthCssPx: number,
  heightCssPx: number,
) {
  // Every item is followed by its gap, the last one too: recharts centres them that way.
  const widths = lines.map((l) => SWATCH_WIDTH + SWATCH_GAP + ctx.measureText(l.name).width + ITEM_GAP);
  const room = widthCssPx - CHART_MARGIN.left - CHART_MARGIN.right;
  let left = CHART_MARGIN.left + (room - widths.reduce((a, b) => a + b, 0)) / 2;
  const middle = heightCssPx - LEGEND_HEIGHT_CSS_PX / 2;
  ctx.textAlign = 'left';
  ctx.lineWidth = 1.75;
  lines.forEach((line, i) => {
    ctx.strokeStyle = line.color;
    ctx.fillStyle = line.color;
    ctx.beginPath();
    ctx.moveTo(left, middle);
    ctx.lineTo(left + SWATCH_WIDTH, middle);
    ctx.stroke();
    ctx.fillText(line.name, left + SWATCH_WIDTH + SWATCH_GAP, middle + 0.355 * TICK_FONT_SIZE);
    left += widths[i];
  });
}

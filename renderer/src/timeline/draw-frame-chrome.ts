/**
 * Everything on the timeline that is not a span: the time axis with round ticks and faint
 * gridlines, the gutter naming each row, the live edge, and the pointer's time.
 */
import { formatMs } from '../../../shared/analysis/format.ts';
import { niceTicks } from '../../../shared/analysis/nice-numbers.ts';
import type { Micros } from '../../../shared/trace.ts';
import type { TimelinePalette } from './timeline-palette.ts';
import type { CssPx, TimeScale } from './time-scale.ts';
import type { RowLabel } from './track.ts';

export const AXIS_HEIGHT_CSS_PX = 22;
export const GUTTER_WIDTH_CSS_PX = 148;
const TICK_SPACING_CSS_PX = 96;

export interface FrameSize {
  widthCssPx: CssPx;
  heightCssPx: CssPx;
}

/** Tick times (µs) for the visible window, on the 1-2-5 ladder in milliseconds. */
function axisTicksMicros(scale: TimeScale): number[] {
  const count = Math.max(2, Math.floor(scale.widthCssPx / TICK_SPACING_CSS_PX));
  return niceTicks(scale.startMicros / 1000, scale.endMicros / 1000, count).map((ms) => ms * 1000);
}

export function drawAxisAndGrid(
  ctx: CanvasRenderingContext2D,
  scale: TimeScale,
  size: FrameSize,
  palette: TimelinePalette,
): void {
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, size.widthCssPx, size.heightCssPx);
  ctx.font = palette.font;
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 1;
  ctx.strokeStyle = palette.grid;
  ctx.fillStyle = palette.mutedText;
  ctx.beginPath();
  for (const t of axisTicksMicros(scale)) {
    const x = Math.round(GUTTER_WIDTH_CSS_PX + scale.cssPxFromMicros(t)) + 0.5;
    ctx.moveTo(x, AXIS_HEIGHT_CSS_PX - 5);
    ctx.lineTo(x, size.heightCssPx);
    ctx.fillText(formatMs(t / 1000), x + 3, AXIS_HEIGHT_CSS_PX / 2);
  }
  ctx.moveTo(GUTTER_WIDTH_CSS_PX, AXIS_HEIGHT_CSS_PX - 0.5);
  ctx.lineTo(size.widthCssPx, AXIS_HEIGHT_CSS_PX - 0.5);
  ctx.stroke();
}

/** Row labels; the context is already translated to the top of the rows area. */
export function drawGutter(
  ctx: CanvasRenderingContext2D,
  labels: readonly RowLabel[],
  size: FrameSize,
  palette: TimelinePalette,
  hoverReq: number,
): void {
  ctx.fillStyle = palette.gutter;
  ctx.fillRect(0, 0, GUTTER_WIDTH_CSS_PX, size.heightCssPx);
  ctx.font = palette.font;
  ctx.textBaseline = 'middle';
  for (const label of labels) {
    const y = label.yCssPx;
    if (label.req >= 0 && label.req === hoverReq) {
      ctx.fillStyle = palette.rowHover;
      ctx.fillRect(0, y, size.widthCssPx, label.heightCssPx);
    }
    const mid = y + label.heightCssPx / 2;
    ctx.fillStyle =
      label.tone === 'error' ? palette.errorText : label.tone === 'muted' ? palette.mutedText : palette.text;
    ctx.fillText(label.text, 8, mid);
    const textWidth = ctx.measureText(label.text).width;
    ctx.fillStyle = label.tone === 'error' ? palette.errorText : palette.mutedText;
    ctx.fillText(clip(ctx, label.detail, GUTTER_WIDTH_CSS_PX - textWidth - 22), 14 + textWidth, mid);
  }
  ctx.fillStyle = palette.grid;
  ctx.fillRect(GUTTER_WIDTH_CSS_PX - 1, 0, 1, size.heightCssPx);
}

/** A vertical line across the rows at time t (the live edge, or the pointer). */
export function drawTimeLine(
  ctx: CanvasRenderingContext2D,
  scale: TimeScale,
  t: Micros,
  size: FrameSize,
  colour: string,
): void {
  const x = GUTTER_WIDTH_CSS_PX + scale.cssPxFromMicros(t);
  if (x < GUTTER_WIDTH_CSS_PX || x > size.widthCssPx) return;
  ctx.fillStyle = colour;
  ctx.fillRect(Math.round(x) - 0.5, AXIS_HEIGHT_CSS_PX, 1, size.heightCssPx - AXIS_HEIGHT_CSS_PX);
}

function clip(ctx: CanvasRenderingContext2D, text: string, room: number): string {
  if (room <= 0) return '';
  if (ctx.measureText(text).width <= room) return text;
  let s = text;
  while (s.length > 1 && ctx.measureText(`${s}…`).width > room) s = s.slice(0, -1);
  return `${s}…`;
}

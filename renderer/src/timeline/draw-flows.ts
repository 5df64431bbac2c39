/**
 * The who-blocked-whom overlay: an arrow from the span that held a thread, the lock or the loop
 * to the end of the wait it prolonged, as Perfetto draws flows between slices.
 */
import type { TimeScale } from './time-scale.ts';
import type { FlowLine } from './track.ts';

const ARROW_CSS_PX = 5;

export function drawFlows(
  ctx: CanvasRenderingContext2D,
  lines: readonly FlowLine[],
  scale: TimeScale,
  xOffsetCssPx: number,
  colour: string,
): void {
  if (lines.length === 0) return;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 1.25;
  for (const line of lines) {
    const x0 = xOffsetCssPx + scale.cssPxFromMicros(line.fromMicros);
    const x1 = xOffsetCssPx + scale.cssPxFromMicros(line.toMicros);
    const bend = Math.max(12, Math.abs(line.toY - line.fromY) / 2);
    ctx.beginPath();
    ctx.moveTo(x0, line.fromY);
    // Leave and arrive horizontally, so arrows between neighbouring rows stay readable.
    ctx.bezierCurveTo(x0 + bend, line.fromY, x1 - bend, line.toY, x1, line.toY);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x1, line.toY);
    ctx.lineTo(x1 - ARROW_CSS_PX, line.toY - ARROW_CSS_PX / 1.5);
    ctx.lineTo(x1 - ARROW_CSS_PX, line.toY + ARROW_CSS_PX / 1.5);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

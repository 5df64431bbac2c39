/**
 * The histogram's bars in CSS pixels. Each bin owns an equal band of the plot's width (bin i
 * spans [i, i + 1] on the x scale) and its bar fills the band less a gap on either side
 * (recharts' `barCategoryGap`), so neighbouring bars never touch at any width.
 */
import type { Scale } from './plot-area.ts';

export interface BarRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function barRects(counts: readonly number[], x: Scale, y: Scale, gapCssPx: number): BarRect[] {
  const base = y(0);
  return counts.map((count, i) => {
    const from = x(i);
    const band = x(i + 1) - from;
    // A band too narrow for two gaps drops them: a bar with no width would hide its bin.
    const gap = band > 2 * gapCssPx + 1 ? gapCssPx : 0;
    const top = y(count);
    return { x: from + gap, y: top, width: band - 2 * gap, height: base - top };
  });
}

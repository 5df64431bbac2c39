/**
 * The canvas's colours for a theme: phase fills (and the client's phases and Server-Timing bars) from the shared colour-blind-safe palette, the
 * rest from the page's CSS custom properties, so the canvas and the DOM around it always agree.
 */
import { textColorOn, type ColorTheme } from '../../../shared/phase-colors.ts';
import { drawFills } from '../timeline/draw-codes.ts';
import type { TimelinePalette } from '../timeline/timeline-palette.ts';

export function timelinePalette(theme: ColorTheme): TimelinePalette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  const phaseFill = drawFills(theme);
  return {
    phaseFill,
    phaseText: phaseFill.map(textColorOn),
    background: v('--canvas-bg'),
    gutter: v('--panel'),
    text: v('--text'),
    mutedText: v('--muted'),
    errorText: v('--error'),
    grid: v('--grid'),
    now: v('--accent'),
    highlight: v('--text'),
    rowHover: v('--row-hover'),
    font: `11px ${v('--font-ui')}`,
  };
}

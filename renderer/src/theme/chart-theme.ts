/** Colours for the recharts panels: SVG attributes cannot read CSS variables, so they are resolved here. */
import { PERCENTILE_COLORS, phaseColor, type ColorTheme } from '../../../shared/phase-colors.ts';

export interface ChartColors {
  line: string;
  grid: string;
  axis: string;
  panel: string;
  text: string;
  p50: string;
  p95: string;
  p99: string;
  max: string;
  loop: string;
}

export function chartColors(theme: ColorTheme): ChartColors {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    line: v('--accent'),
    grid: v('--grid'),
    axis: v('--muted'),
    panel: v('--panel'),
    text: v('--text'),
    p50: PERCENTILE_COLORS.p50[theme],
    p95: PERCENTILE_COLORS.p95[theme],
    p99: PERCENTILE_COLORS.p99[theme],
    max: PERCENTILE_COLORS.max[theme],
    loop: phaseColor('block', theme),
  };
}

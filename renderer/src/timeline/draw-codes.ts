/**
 * The codes the row renderer colours by: the span phases first (their PHASES codes), then the
 * client's phases, then the two alternating shades of Server-Timing bars. Only the requests
 * view feeds the codes past the span phases, into strips of their own under each request, so
 * the level of detail never weighs a client phase against a server span in one pixel column.
 */
import {
  CLIENT_PHASE_COLORS,
  SERVER_TIMING_COLORS,
  phaseColor,
  type ColorTheme,
} from '../../../shared/phase-colors.ts';
import { CLIENT_PHASES } from '../../../shared/client-phases.ts';
import { PHASES } from '../../../shared/trace.ts';

/** Draw code of client phase `index` (in CLIENT_PHASES). */
export const clientPhaseCode = (index: number): number => PHASES.length + index;

/** Draw code of the i-th Server-Timing bar of a request (shades alternate). */
export const serverTimingCode = (i: number): number => PHASES.length + CLIENT_PHASES.length + (i % 2);

/** How many draw codes there are. */
export const DRAW_CODE_COUNT = PHASES.length + CLIENT_PHASES.length + SERVER_TIMING_COLORS.length;

/** Fill of every draw code for a theme, by code. */
export function drawFills(theme: ColorTheme): string[] {
  return [
    ...PHASES.map((p) => phaseColor(p.code, theme)),
    ...CLIENT_PHASES.map((p) => CLIENT_PHASE_COLORS[p.id][theme]),
    ...SERVER_TIMING_COLORS.map((c) => c[theme]),
  ];
}

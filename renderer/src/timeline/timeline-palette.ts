/** Colours the timeline draws with, resolved for the current theme (see theme/timeline-theme.ts). */
export interface TimelinePalette {
  /** Fill of each draw code: the phases by phase code, then the client's phases and Server-Timing (draw-codes.ts). */
  phaseFill: readonly string[];
  /** Text drawn on each phase's fill (black or white, whichever reads better). */
  phaseText: readonly string[];
  background: string;
  gutter: string;
  text: string;
  mutedText: string;
  errorText: string;
  grid: string;
  now: string;
  highlight: string;
  rowHover: string;
  font: string;
}

/**
 * The colours of the phases, for the timeline, the charts and the HTML report.
 *
 * Built on Paul Tol's colour-blind-safe "muted" scheme (with one of his "medium contrast" blues
 * and greys for the waits that free the thread), so the phases stay apart under the common
 * colour vision deficiencies. Meaning is carried by lightness as well as hue, which survives
 * any deficiency: work that holds a thread is saturated (rose, wine, green, olive, cyan), queues
 * are sand and indigo, waits that free the thread are pale, and waiting for the interpreter lock
 * is a pale version of cpu's wine, so "computing" and "waiting to compute" read as one family. Dark variants lift the darkest colours so they read on a dark
 * background. Charts that compare runs use Okabe and Ito's eight colours.
 */
import type { ClientPhaseId } from './client-phases.ts';
import { PHASES, type PhaseCode, type PhaseId } from './trace.ts';

export type ColorTheme = 'light' | 'dark';

export interface ThemedColor {
  light: string;
  dark: string;
}

/** Fill colour of each phase, for a light and a dark background. */
export const PHASE_COLORS: Readonly<Record<PhaseId, ThemedColor>> = {
  queued: { light: '#DDCC77', dark: '#DDCC77' },
  running: { light: '#88CCEE', dark: '#88CCEE' },
  await: { light: '#DDDDDD', dark: '#5E5E5E' },
  block: { light: '#CC6677', dark: '#CC6677' },
  cpu: { light: '#882255', dark: '#C45A8C' },
  gil: { light: '#E3B5D3', dark: '#7D4A6C' },
  db: { light: '#117733', dark: '#3FAA5F' },
  upstream: { light: '#44AA99', dark: '#44AA99' },
  'upstream-block': { light: '#999933', dark: '#B5B54A' },
  'exec-queue': { light: '#332288', dark: '#7F72D6' },
  offload: { light: '#6699CC', dark: '#6699CC' },
  client: { light: '#BBBBBB', dark: '#777777' },
};

/**
 * Fill of each client phase: the strip under each request in the requests view. The long, dull
 * wait for the first byte is pale; the short stretches that matter when they are long (connect,
 * TLS, waiting for a connection) are warm; the sliver of sending is dark so it shows at all.
 */
export const CLIENT_PHASE_COLORS: Readonly<Record<ClientPhaseId, ThemedColor>> = {
  blocked: { light: '#EEEEBB', dark: '#6B6B4A' },
  connect: { light: '#EE8866', dark: '#EE8866' },
  tls: { light: '#FFAABB', dark: '#FFAABB' },
  send: { light: '#225555', dark: '#4A9A9A' },
  wait: { light: '#BBCCEE', dark: '#3D5A66' },
  receive: { light: '#77AADD', dark: '#77AADD' },
};

/** Server-Timing bars: two dark shades, alternating, so neighbouring metrics stay apart. */
export const SERVER_TIMING_COLORS: readonly [ThemedColor, ThemedColor] = [
  { light: '#222255', dark: '#8080D0' },
  { light: '#666633', dark: '#B0B070' },
];

/** Fill of a phase (by id or numeric code) for a theme. */
export function phaseColor(phase: PhaseId | PhaseCode, theme: ColorTheme = 'light'): string {
  const id = typeof phase === 'number' ? PHASES[phase].id : phase;
  return PHASE_COLORS[id][theme];
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function textColorOn(hex: string): '#000000' | '#FFFFFF' {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  // Contrast with black beats contrast with white above this luminance.
  return luminance > 0.179 ? '#000000' : '#FFFFFF';
}

/** Colours of runs compared side by side (Okabe–Ito, black last), by index, wrapping. */
export const RUN_COLORS: readonly ThemedColor[] = [
  { light: '#0072B2', dark: '#56B4E9' },
  { light: '#D55E00', dark: '#E69F00' },
  { light: '#009E73', dark: '#009E73' },
  { light: '#CC79A7', dark: '#CC79A7' },
  { light: '#E69F00', dark: '#F0E442' },
  { light: '#56B4E9', dark: '#0072B2' },
  { light: '#000000', dark: '#FFFFFF' },
];

/** Colour of the i-th run in a comparison. */
export function runColor(i: number, theme: ColorTheme = 'light'): string {
  return RUN_COLORS[i % RUN_COLORS.length][theme];
}

/** Colours of the latency percentile lines: p50, p95, p99 (and max). */
export const PERCENTILE_COLORS: Readonly<Record<'p50' | 'p95' | 'p99' | 'max', ThemedColor>> = {
  p50: { light: '#0072B2', dark: '#56B4E9' },
  p95: { light: '#E69F00', dark: '#E69F00' },
  p99: { light: '#D55E00', dark: '#FF7F3F' },
  max: { light: '#888888', dark: '#AAAAAA' },
};

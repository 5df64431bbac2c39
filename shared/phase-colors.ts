/**
 * The colours of the phases, for the timeline, the charts and the HTML report.
 *
 * Built on Paul Tol's colour-blind-safe "muted" scheme (with one of his "medium contrast" blues
 * and greys for the waits that free the thread). Meaning is carried by lightness as well as hue,
 * which survives any deficiency: work that holds a thread is saturated (rose, wine, green,
 * olive, cyan), queues are sand and indigo, waits that free the thread are pale (dark on a dark
 * background), and waiting for the interpreter lock is cpu's wine gone pale (gone dark on a
 * dark background), so "computing" and "waiting to compute" read as one family yet never alike.
 * Opening a database connection, added late, is near-black (near-white when dark), and waiting
 * for a pooled connection violet (yellow when dark), and a sync worker closing its connection
 * (waiting for the client's close) near-black navy (brown when dark), and the server's and
 * Django's own Python slate (deep navy when dark): each the colour farthest from every other
 * phase that was still free.
 *
 * Tol's colours were then nudged, a few units each, until every two phases are at least 12
 * CIEDE2000 apart as seen with normal vision, protanopia and deuteranopia, cpu and the lock
 * wait at least 25, and every phase at least 8 from the timeline's background, in both themes
 * (tests/unit/shared/phase-colors.test.ts says why those numbers). Tol's dark variants were
 * further off: blocked and the client bar were 1.4 apart under protanopia, cpu and the lock
 * wait 11. Charts that compare runs use Okabe and Ito's eight colours.
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
  queued: { light: '#DECD77', dark: '#EADA8B' },
  running: { light: '#6BC8FD', dark: '#90D2F3' },
  await: { light: '#F1E9D8', dark: '#505560' },
  block: { light: '#CA6475', dark: '#DD817C' },
  cpu: { light: '#882453', dark: '#BD4999' },
  gil: { light: '#E1BCCE', dark: '#633035' },
  db: { light: '#117733', dark: '#269441' },
  upstream: { light: '#2EA69A', dark: '#44B6AD' },
  'upstream-block': { light: '#999933', dark: '#AEB136' },
  'exec-queue': { light: '#33228D', dark: '#756DE4' },
  offload: { light: '#6395C8', dark: '#6DA0D5' },
  client: { light: '#B9B898', dark: '#747472' },
  connect: { light: '#441100', dark: '#DDEEDD' },
  'pool-wait': { light: '#6633FF', dark: '#FFFF11' },
  closing: { light: '#000011', dark: '#774400' },
  framework: { light: '#666688', dark: '#000044' },
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

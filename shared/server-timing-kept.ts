/**
 * Which Server-Timing metrics a request keeps, and how they read in words.
 *
 * Every response's header is a server's input we do not control: a request keeps at most
 * MAX_KEPT_METRICS ordinary metrics in header order, names cut to MAX_METRIC_NAME_CHARS and
 * descriptions to MAX_METRIC_DESC_CHARS (a cut one ends in "…", which no metric name can hold,
 * so a cut is always visible), and counts the ones it dropped. The probe's `interleave-…`
 * metrics are not kept here: the real-Django runner turns them into spans and lanes.
 */
import type { ServerTimingMetric } from './server-timing.ts';

/** Ordinary metrics kept per request; the rest are counted, not kept. */
export const MAX_KEPT_METRICS = 16;
/** Longest metric name kept, in characters, "…" included. */
export const MAX_METRIC_NAME_CHARS = 64;
/** Longest metric description kept, in characters, "…" included. */
export const MAX_METRIC_DESC_CHARS = 200;

const PROBE_PREFIX = 'interleave-';
const CUT = '…';

const cut = (text: string, max: number) => (text.length > max ? text.slice(0, max - 1) + CUT : text);

/** A request's ordinary metrics, bounded, and how many it carried beyond those kept. */
export function keptServerTiming(metrics: readonly ServerTimingMetric[]): {
  metrics: ServerTimingMetric[];
  dropped: number;
} {
  const kept: ServerTimingMetric[] = [];
  let dropped = 0;
  for (const m of metrics) {
    if (m.name.startsWith(PROBE_PREFIX)) continue;
    if (kept.length === MAX_KEPT_METRICS) {
      dropped++;
      continue;
    }
    kept.push({
      name: cut(m.name, MAX_METRIC_NAME_CHARS),
      dur: m.dur,
      desc: m.desc === null ? null : cut(m.desc, MAX_METRIC_DESC_CHARS),
    });
  }
  return { metrics: kept, dropped };
}

/** `db 53 ms "orders"`: one metric in words (no duration: the name and description alone). */
export function describeMetric(m: ServerTimingMetric, formatMs: (ms: number) => string): string {
  return [m.name, m.dur === null ? null : formatMs(m.dur), m.desc === null ? null : JSON.stringify(m.desc)]
    .filter((part) => part !== null)
    .join(' ');
}

/** Sentences saying what was cut from a request's metrics; empty when nothing was. */
export function serverTimingCuts(metrics: readonly ServerTimingMetric[], dropped: number): string[] {
  const notes: string[] = [];
  if (dropped > 0)
    notes.push(
      `${dropped} more Server-Timing metric${dropped === 1 ? '' : 's'} not kept (at most ${MAX_KEPT_METRICS} a request)`,
    );
  const names = metrics.filter((m) => m.name.endsWith(CUT)).length;
  if (names > 0) notes.push(`${names} metric name${names === 1 ? '' : 's'} cut to ${MAX_METRIC_NAME_CHARS} characters`);
  const descs = metrics.filter((m) => m.desc?.endsWith(CUT) && m.desc.length === MAX_METRIC_DESC_CHARS).length;
  if (descs > 0) notes.push(`${descs} description${descs === 1 ? '' : 's'} cut to ${MAX_METRIC_DESC_CHARS} characters`);
  return notes;
}

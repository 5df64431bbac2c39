/**
 * The W3C Server-Timing header, read leniently: `name;dur=12.5;desc="orders", other;dur=3`.
 *
 * A response may carry several Server-Timing headers; joined with commas they are one list. A
 * metric without a usable name is skipped, an unknown parameter is ignored, a `dur` that is not a
 * number is dropped (the metric stays), and a quoted `desc` may hold commas, semicolons and
 * escaped quotes. Nothing here throws: a server's header is input we do not control.
 */

/** One metric of a Server-Timing header. */
export interface ServerTimingMetric {
  name: string;
  /** Milliseconds, when the metric gave a numeric `dur`. */
  dur: number | null;
  desc: string | null;
}

/** Longest header text read; the rest is ignored (a probe's header is a few kB). */
export const MAX_SERVER_TIMING_CHARS = 256 * 1024;

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/** Parses one or more Server-Timing header values (already joined with `, ` or as a list). */
export function parseServerTiming(header: string | readonly string[]): ServerTimingMetric[] {
  const text = (typeof header === 'string' ? header : header.join(', ')).slice(0, MAX_SERVER_TIMING_CHARS);
  const metrics: ServerTimingMetric[] = [];
  let i = 0;
  const skipSpaces = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  const token = () => {
    const from = i;
    while (i < text.length && TOKEN.test(text[i])) i++;
    return text.slice(from, i);
  };
  const value = () => {
    if (text[i] !== '"') return token();
    let out = '';
    for (i++; i < text.length && text[i] !== '"'; i++)
      out += text[i] === '\\' && i + 1 < text.length ? text[++i] : text[i];
    i++;
    return out;
  };
  while (i < text.length) {
    skipSpaces();
    const name = token();
    const metric: ServerTimingMetric = { name, dur: null, desc: null };
    skipSpaces();
    while (text[i] === ';') {
      i++;
      skipSpaces();
      const param = token().toLowerCase();
      skipSpaces();
      let v: string | null = null;
      if (text[i] === '=') {
        i++;
        skipSpaces();
        v = value();
      }
      if (param === 'dur' && v !== null && metric.dur === null && /^-?\d+(\.\d+)?$/.test(v)) metric.dur = Number(v);
      else if (param === 'desc' && v !== null && metric.desc === null) metric.desc = v;
      skipSpaces();
    }
    // Anything unexpected up to the next comma is skipped, quoted strings included.
    while (i < text.length && text[i] !== ',') {
      if (text[i] === '"') value();
      else i++;
    }
    i++;
    if (name) metrics.push(metric);
  }
  return metrics;
}

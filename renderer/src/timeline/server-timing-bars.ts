/**
 * Where a request's Server-Timing metrics are drawn. A metric gives a duration, never a start,
 * so the bars are laid end to end in header order from the start of the server's time (its
 * accept stamp when it gave one, kept inside the client's wait for the first byte; else the
 * wait's start), and cut at the first byte: the server cannot have worked on this response
 * after it began to arrive. Metrics without a duration get no bar (the tooltip lists them).
 */
import type { Micros, RequestRecord } from '../../../shared/trace.ts';

export interface ServerTimingBar {
  /** Index of the metric in the request's serverTiming. */
  metric: number;
  start: Micros;
  end: Micros;
}

/** The start of the server's time inside the request, as the bars use it; null without metrics. */
export function serverTimingOrigin(r: RequestRecord): { start: Micros; limit: Micros } | null {
  if (!r.serverTiming?.length) return null;
  const from = r.requestEnd ?? r.sent;
  const limit = r.firstByte ?? r.responded ?? r.received ?? Infinity;
  const start = r.accepted === null ? from : Math.min(limit, Math.max(from, r.accepted));
  return { start, limit };
}

/** The bars of a request's metrics with a duration, in header order; empty without metrics. */
export function serverTimingBars(r: RequestRecord): ServerTimingBar[] {
  const origin = serverTimingOrigin(r);
  if (!origin) return [];
  const bars: ServerTimingBar[] = [];
  let t = origin.start;
  r.serverTiming!.forEach((m, metric) => {
    if (m.dur === null || m.dur <= 0 || t >= origin.limit) return;
    const end = Math.min(origin.limit, t + m.dur * 1000);
    bars.push({ metric, start: t, end });
    t = end;
  });
  return bars;
}

/**
 * Server threads busy over time: a thread is busy while any span that holds it is open (see
 * `PHASES[].holds`: running, blocked, cpu, waiting for the interpreter lock, db, blocking
 * upstream). Spans nest on a thread (a `running` span around the `block` inside it), so each
 * lane's holding spans are merged into a union first: a thread counts once, however deep.
 */
import { PHASES, SPAN_STRIDE, SpanField, type Micros } from '../trace.ts';
import { intervalEdges, sampleEdges } from './step-function.ts';
import { bucketStartMs, gridForRun, type RunRecords, type TimeGrid } from './time-grid.ts';

export interface BusyThreadsPoint {
  /** Bucket start, ms since the run's origin. */
  tMs: number;
  /** Time-weighted mean of busy threads over the bucket (thread-seconds per second). */
  mean: number;
  /** Most threads busy at any instant of the bucket. */
  peak: number;
}

const HOLDS: readonly boolean[] = PHASES.map((p) => p.holds);

/** Each server lane's holding spans merged into disjoint, sorted intervals. */
export function busyIntervalsByLane(records: Pick<RunRecords, 'lanes' | 'spans'>): Map<number, [Micros, Micros][]> {
  const server = new Set(records.lanes.filter((l) => l.kind !== 'client').map((l) => l.id));
  const raw = new Map<number, [Micros, Micros][]>();
  const { spans } = records;
  for (let i = 0; i < spans.length; i += SPAN_STRIDE) {
    const lane = spans[i + SpanField.lane];
    if (!server.has(lane) || !HOLDS[spans[i + SpanField.phase]]) continue;
    const start = spans[i + SpanField.start];
    const end = spans[i + SpanField.end];
    if (end <= start) continue;
    let list = raw.get(lane);
    if (!list) raw.set(lane, (list = []));
    list.push([start, end]);
  }
  const merged = new Map<number, [Micros, Micros][]>();
  for (const [lane, list] of raw) {
    list.sort((a, b) => a[0] - b[0]);
    const out: [Micros, Micros][] = [];
    for (const [s, e] of list) {
      const last = out[out.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else out.push([s, e]);
    }
    merged.set(lane, out);
  }
  return merged;
}

export function busyThreadsSeries(records: RunRecords, grid: TimeGrid = gridForRun(records)): BusyThreadsPoint[] {
  const intervals = [...busyIntervalsByLane(records).values()].flat();
  return sampleEdges(intervalEdges(intervals), grid).map((s, i) => ({
    tMs: bucketStartMs(grid, i),
    mean: s.mean,
    peak: s.peak,
  }));
}

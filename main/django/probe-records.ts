/**
 * Turns what the load generator saw of real Django (its records, and each response's
 * Server-Timing header) into the recorder's input, the same three streams the engine's own
 * threads send: served stamps, packed spans on lanes, and loop-delay samples. Server times move
 * from the server's clock onto ours with the offset measured at start-up.
 */
import { parseServerTiming } from '../../shared/server-timing.ts';
import { readProbeTiming } from '../../shared/probe-timing.ts';
import type { RequestRecord } from '../../shared/trace.ts';
import type { Recorder } from '../engine/record/recorder.ts';
import type { ProbeLanes } from './probe-lanes.ts';

export class ProbeRecords {
  constructor(
    private readonly recorder: Recorder,
    private readonly lanes: ProbeLanes,
    /** Server clock minus ours, in ms (see clock-offset.ts). */
    private readonly offsetMs: number,
  ) {}

  /** Our clock, in µs, for a server time in ms. */
  private micros(serverMs: number): number {
    return (serverMs - this.offsetMs) * 1000;
  }

  /** Client records (conn = client connection index) with their Server-Timing headers, in step. */
  add(records: RequestRecord[], serverTimings: readonly string[]): void {
    const served: number[] = [];
    const spans: number[] = [];
    const loop: number[] = [];
    records.forEach((record, i) => {
      record.conn = this.lanes.client(record.conn);
      const timing = readProbeTiming(parseServerTiming(serverTimings[i] ?? ''));
      if (timing.error && record.status >= 500) record.error = `HTTP ${record.status}: ${timing.error}`;
      // The probe's request id is the one we sent; a different one is another client's request.
      if (timing.served && timing.served.req === record.id) {
        this.lanes.thread(timing.served.thread);
        served.push(record.id, this.micros(timing.served.acceptedMs), this.micros(timing.served.respondedMs));
      }
      for (const s of timing.spans)
        spans.push(record.id, this.lanes.thread(s.thread), s.phase, this.micros(s.startMs), this.micros(s.endMs));
      for (const sample of timing.loop) loop.push(this.micros(sample.tMs), sample.delayMs);
    });
    if (spans.length) this.recorder.addSpans(Float64Array.from(spans));
    if (loop.length) this.recorder.addLoop(sortedPairs(loop));
    this.recorder.addRequests(records);
    if (served.length) this.recorder.addServed(Float64Array.from(served));
  }

  /** Loop samples no response carried, as the probe's loop route lists them (`t:delay t:delay …`). */
  addLoopText(text: string): void {
    const { loop } = readProbeTiming([{ name: 'interleave-loop', dur: null, desc: text }]);
    if (loop.length) this.recorder.addLoop(sortedPairs(loop.flatMap((s) => [this.micros(s.tMs), s.delayMs])));
  }
}

/** Loop samples arrive per response, so out of order across connections: sort the (t, delay) pairs. */
function sortedPairs(flat: number[]): Float64Array {
  const pairs: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  return Float64Array.from(pairs.flat());
}

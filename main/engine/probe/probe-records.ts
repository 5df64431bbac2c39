/**
 * Turns what the load generator saw of a server running Interleave's probe (real Django started
 * by the runner, or someone's own server with the probe installed) into the recorder's input, the
 * same three streams the engine's own threads send: served stamps, packed spans on lanes, and
 * loop-delay samples. Server times move from the server's clock onto ours with the offset the
 * clock gives (measured at start-up, or read off the requests, see clock-from-requests.ts).
 *
 * A record the probe did not stamp (no probe, an older probe, a refused connection, another
 * client's stamp) completes as the client saw it, at once.
 */
import { parseServerTiming } from '../../../shared/server-timing.ts';
import { readProbeTiming, type ProbeTiming } from '../../../shared/probe-timing.ts';
import type { ServerModel } from '../../../shared/scenario.ts';
import type { RequestRecord } from '../../../shared/trace.ts';
import type { Recorder } from '../record/recorder.ts';
import type { StampedRequest } from './clock-from-requests.ts';
import type { ClockOffset } from './clock-offset.ts';
import { modelOfInterface, type ProbeLanes } from './probe-lanes.ts';

/** Where a server's clock is: known (null until the stamped requests allow an offset). */
export interface ServerClock {
  offset(stamped: readonly StampedRequest[]): ClockOffset | null;
}

/** A clock measured before the run. */
export const measuredClock = (offset: ClockOffset): ServerClock => ({ offset: () => offset });

interface Stamped extends StampedRequest {
  timing: ProbeTiming;
  model: ServerModel;
}

export class ProbeRecords {
  constructor(
    private readonly recorder: Recorder,
    private readonly lanes: ProbeLanes,
    private readonly clock: ServerClock,
    /** The server's model when the runner started it; null to take each response's interface. */
    private readonly model: ServerModel | null,
  ) {}

  /** Client records (conn = client connection index) with their Server-Timing headers, in step. */
  add(records: RequestRecord[], serverTimings: readonly string[]): void {
    const timings = records.map((_, i) => readProbeTiming(parseServerTiming(serverTimings[i] ?? '')));
    const stamped: Stamped[] = [];
    records.forEach((record, i) => {
      record.conn = this.lanes.client(record.conn);
      const timing = timings[i];
      if (timing.error && record.status >= 500) record.error = `HTTP ${record.status}: ${timing.error}`;
      const model = this.model ?? (timing.interface && modelOfInterface(timing.interface));
      // The probe's request id is the one we sent; a different one is another client's request.
      if (timing.served?.req === record.id && model) stamped.push({ record, timing, model, ...timing.served });
    });
    const offset = this.clock.offset(stamped);
    if (!offset) return this.recorder.addClientRecords(records);
    const joined = new Set(stamped.map((s) => s.record));
    this.recorder.addClientRecords(records.filter((r) => !joined.has(r)));
    this.addLoop(timings, offset.offsetMs);
    if (stamped.length) this.place(stamped, offset.offsetMs);
  }

  /** Spans on the threads' lanes, then the records joined with their served stamps. */
  private place(stamped: readonly Stamped[], offsetMs: number): void {
    const micros = (serverMs: number) => (serverMs - offsetMs) * 1000;
    const served: number[] = [];
    const spans: number[] = [];
    for (const { record, timing, model, acceptedMs, respondedMs } of stamped) {
      this.lanes.thread(timing.served!.thread, model);
      served.push(record.id, micros(acceptedMs), micros(respondedMs));
      for (const s of timing.spans)
        spans.push(record.id, this.lanes.thread(s.thread, model), s.phase, micros(s.startMs), micros(s.endMs));
    }
    if (spans.length) this.recorder.addSpans(Float64Array.from(spans));
    this.recorder.addRequests(stamped.map((s) => s.record));
    this.recorder.addServed(Float64Array.from(served));
  }

  private addLoop(timings: readonly ProbeTiming[], offsetMs: number): void {
    const samples = timings.flatMap((t) => t.loop);
    if (samples.length) this.recorder.addLoop(loopPairs(samples, offsetMs));
  }

  /** Loop samples no response carried, as the probe's loop route lists them (`t:delay t:delay …`). */
  addLoopText(text: string): void {
    const offset = this.clock.offset([]);
    const { loop } = readProbeTiming([{ name: 'interleave-loop', dur: null, desc: text }]);
    if (offset && loop.length) this.recorder.addLoop(loopPairs(loop, offset.offsetMs));
  }
}

/**
 * Loop samples as (t on our clock, delay) pairs in time order: they arrive per response, so out of
 * order across connections.
 */
function loopPairs(samples: ProbeTiming['loop'], offsetMs: number): Float64Array {
  const sorted = [...samples].sort((a, b) => a.tMs - b.tMs);
  return Float64Array.from(sorted.flatMap((s) => [(s.tMs - offsetMs) * 1000, s.delayMs]));
}

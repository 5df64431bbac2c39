/**
 * What a URL run's responses say besides their status: the hook between the load generator's
 * records (with each response's Server-Timing header, in step) and the recorder.
 *
 * An error's text starts with its status (`HTTP 404: <!DOCTYPE html>…`), as a server's error page
 * alone says little; the probe's `interleave-error` names the exception behind a 5xx instead
 * (read with the probe's other metrics in ProbeRecords).
 * A server with Interleave's probe installed also stamps its threads and times: those become
 * lanes and spans, placed on our clock with an offset read off the requests themselves (each
 * origin is its own server, with its own clock). Every other record completes as it arrives.
 */
import type { RequestRecord } from '../../shared/trace.ts';
import type { Recorder } from '../engine/record/recorder.ts';
import { ClockFromRequests } from '../engine/probe/clock-from-requests.ts';
import { ProbeLanes } from '../engine/probe/probe-lanes.ts';
import { ProbeRecords } from '../engine/probe/probe-records.ts';
import type { LoadTarget } from '../engine/threads/protocol.ts';

export class UrlRecords {
  private readonly clocks = new Map<string, ClockFromRequests>();
  /** One reader per origin, by the index of the target request it serves. */
  private readonly byTarget: ProbeRecords[];

  constructor(recorder: Recorder, targets: readonly LoadTarget[]) {
    const lanes = new ProbeLanes((lane) => recorder.addLane(lane));
    const readers = new Map<string, ProbeRecords>();
    this.byTarget = targets.map(({ origin }) => {
      if (!readers.has(origin)) {
        const clock = new ClockFromRequests();
        this.clocks.set(origin, clock);
        readers.set(origin, new ProbeRecords(recorder, lanes, clock, null));
      }
      return readers.get(origin)!;
    });
  }

  /** Client records with their Server-Timing headers ('' when a response had none), in step. */
  add(records: RequestRecord[], serverTimings: readonly string[]): void {
    const groups = new Map<ProbeRecords, [RequestRecord[], string[]]>();
    records.forEach((record, i) => {
      describeError(record);
      const reader = this.byTarget[record.endpoint];
      const group = groups.get(reader) ?? groups.set(reader, [[], []]).get(reader)!;
      group[0].push(record);
      group[1].push(serverTimings[i] ?? '');
    });
    for (const [reader, [rs, timings]] of groups) reader.add(rs, timings);
  }

  /** The widest error of the servers' clock offsets (ms), or null when no server was probed. */
  get clockUncertaintyMs(): number | null {
    const known = [...this.clocks.values()].map((c) => c.uncertaintyMs).filter((u) => u !== null);
    return known.length ? Math.max(...known) : null;
  }
}

/**
 * An error response's text: its status, then the start of its page (someone's server answers
 * errors with a page). The exception behind a 5xx, when the probe names one, replaces the page's
 * words in ProbeRecords, which reads the header anyway.
 */
function describeError(record: RequestRecord): void {
  if (record.status < 400) return;
  const body = (record.error ?? '').replace(/\s+/g, ' ').trim();
  record.error = body && body !== `HTTP ${record.status}` ? `HTTP ${record.status}: ${body}` : `HTTP ${record.status}`;
}

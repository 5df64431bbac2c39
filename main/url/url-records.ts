/**
 * What a URL run's responses say besides their status: the hook between the load generator's
 * records (with each response's Server-Timing header, in step) and the recorder.
 *
 * A server Interleave did not start has no clock route to align with, so its `interleave-served`
 * and `interleave-span` times cannot be placed on our timeline here; what needs no clock is read:
 * `interleave-error` names the exception behind a 5xx. Every record reaches the recorder as it
 * arrives, complete: no server side will join it.
 */
import { parseServerTiming } from '../../shared/server-timing.ts';
import { readProbeTiming } from '../../shared/probe-timing.ts';
import type { RequestRecord } from '../../shared/trace.ts';
import type { Recorder } from '../engine/record/recorder.ts';

export class UrlRecords {
  constructor(private readonly recorder: Recorder) {}

  /** Client records with their Server-Timing headers ('' when a response had none), in step. */
  add(records: RequestRecord[], serverTimings: readonly string[]): void {
    records.forEach((record, i) => {
      const header = serverTimings[i];
      if (!header || record.status < 500) return;
      const { error } = readProbeTiming(parseServerTiming(header));
      if (error) record.error = `HTTP ${record.status}: ${error}`;
    });
    this.recorder.addClientRecords(records);
  }
}

/**
 * What a URL run's responses say besides their status: the hook between the load generator's
 * records (with each response's Server-Timing header, in step) and the recorder.
 *
 * A server Interleave did not start has no clock route to align with, so its `interleave-served`
 * and `interleave-span` times cannot be placed on our timeline here; what needs no clock is read:
 * `interleave-error` names the exception behind a 5xx. An error's text starts with its status
 * (`HTTP 404: <!DOCTYPE html>…`), as a server's error page alone says little. Every record reaches the recorder as it
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
      if (record.status < 400) return;
      const header = serverTimings[i];
      const raised = header && record.status >= 500 ? readProbeTiming(parseServerTiming(header)).error : null;
      // Someone's server answers errors with a page: its status first, then the start of its text.
      const body = (record.error ?? '').replace(/\s+/g, ' ').trim();
      const detail = raised ?? (body === `HTTP ${record.status}` ? '' : body);
      record.error = detail ? `HTTP ${record.status}: ${detail}` : `HTTP ${record.status}`;
    });
    this.recorder.addClientRecords(records);
  }
}

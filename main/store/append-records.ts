/**
 * Writing a run's records: the hot path of a live run (every batch) and of an import.
 *
 * Callers wrap this in a transaction; one batch is one commit. Spans and requests go in blocks
 * of many rows per INSERT, which cuts the per-statement cost that dominates small rows; the
 * remainder goes row by row through single-row statements.
 */
import { SPAN_STRIDE, type LoopSample, type RequestRecord } from '../../shared/trace.ts';
import { requestValues } from './run-rows.ts';
import { REQUESTS_PER_INSERT, SPANS_PER_INSERT, type StoreStatements } from './statements.ts';

const SPAN_COLUMNS = SPAN_STRIDE + 1;

export interface Records {
  spans: ArrayLike<number>;
  requests: readonly RequestRecord[];
  loop: readonly LoopSample[];
}

export function checkSpans(spans: ArrayLike<number>): void {
  if (spans.length % SPAN_STRIDE !== 0) {
    throw new Error(`spans hold ${spans.length} numbers, not a multiple of ${SPAN_STRIDE} (numbers per span)`);
  }
}

function appendSpans(s: StoreStatements, runId: number, spans: ArrayLike<number>): void {
  const count = spans.length / SPAN_STRIDE;
  const block = new Array<number>(SPANS_PER_INSERT * SPAN_COLUMNS);
  let span = 0;
  for (; span + SPANS_PER_INSERT <= count; span += SPANS_PER_INSERT) {
    let o = 0;
    for (let i = span * SPAN_STRIDE, end = (span + SPANS_PER_INSERT) * SPAN_STRIDE; i < end; i += SPAN_STRIDE) {
      block[o++] = runId;
      for (let f = 0; f < SPAN_STRIDE; f++) block[o++] = spans[i + f];
    }
    s.insertSpanBlock.run(block);
  }
  for (; span < count; span++) {
    const i = span * SPAN_STRIDE;
    s.insertSpan.run(runId, spans[i], spans[i + 1], spans[i + 2], spans[i + 3], spans[i + 4]);
  }
}

function appendRequests(s: StoreStatements, runId: number, requests: readonly RequestRecord[]): void {
  let i = 0;
  for (; i + REQUESTS_PER_INSERT <= requests.length; i += REQUESTS_PER_INSERT) {
    const block: unknown[] = [];
    for (let j = i; j < i + REQUESTS_PER_INSERT; j++) block.push(runId, ...requestValues(requests[j]));
    s.insertRequestBlock.run(block);
  }
  for (; i < requests.length; i++) s.insertRequest.run(runId, ...requestValues(requests[i]));
}

/** Inserts the records; the caller holds the transaction. */
export function appendRecords(s: StoreStatements, runId: number, records: Records): void {
  appendSpans(s, runId, records.spans);
  appendRequests(s, runId, records.requests);
  for (const sample of records.loop) s.insertLoopSample.run(runId, sample.t, sample.delayMs);
}

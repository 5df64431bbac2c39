/**
 * Rows of spans kept sorted by start, for rows that hold thousands of spans (a thread's lane).
 *
 * Beside each row's span numbers sits the running maximum of their end times. It never
 * decreases, so both questions the timeline asks are binary searches: "which spans can be
 * visible in [t0, t1]?" (from the first whose running max end passes t0 to the last that starts
 * before t1) and "what is under the pointer at t?". Spans arrive roughly in order (a thread
 * records a span when it ends, so an enclosing span lands after the ones inside it); each
 * insertion shifts only the few entries it overtakes. Cost: 12 bytes a span, plus growth slack.
 */
import { SPAN_STRIDE, SpanField } from '../../../shared/trace.ts';

interface Row {
  spans: Int32Array;
  maxEnd: Float64Array;
  length: number;
}

export class SortedRows {
  private rows: Row[] = [];

  constructor(private readonly data: () => Float64Array) {}

  get rowCount(): number {
    return this.rows.length;
  }

  clear(): void {
    this.rows = [];
  }

  /** Put span number `span` in row `row` (rows are created on demand). */
  insert(row: number, span: number): void {
    while (this.rows.length <= row)
      this.rows.push({ spans: new Int32Array(16), maxEnd: new Float64Array(16), length: 0 });
    const r = this.rows[row];
    if (r.length === r.spans.length) {
      const spans = new Int32Array(r.length * 2);
      spans.set(r.spans);
      const maxEnd = new Float64Array(r.length * 2);
      maxEnd.set(r.maxEnd);
      r.spans = spans;
      r.maxEnd = maxEnd;
    }
    const data = this.data();
    const start = data[span * SPAN_STRIDE + SpanField.start];
    let i = r.length++;
    while (i > 0 && data[r.spans[i - 1] * SPAN_STRIDE + SpanField.start] > start) {
      r.spans[i] = r.spans[i - 1];
      i--;
    }
    r.spans[i] = span;
    for (let j = i; j < r.length; j++) {
      const end = data[r.spans[j] * SPAN_STRIDE + SpanField.end];
      r.maxEnd[j] = j > 0 && r.maxEnd[j - 1] > end ? r.maxEnd[j - 1] : end;
    }
  }

  /** Span numbers of `row`, sorted by start (valid until the next insert). */
  spansOf(row: number): Int32Array {
    const r = this.rows[row];
    return r ? r.spans.subarray(0, r.length) : new Int32Array(0);
  }

  /**
   * Positions [from, to) in spansOf(row) of every span that can touch [t0, t1]: all spans
   * outside the range end before t0 or start after t1.
   */
  candidates(row: number, t0: number, t1: number): [number, number] {
    const r = this.rows[row];
    if (!r) return [0, 0];
    const data = this.data();
    let lo = 0;
    let hi = r.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (r.maxEnd[mid] >= t0) hi = mid;
      else lo = mid + 1;
    }
    const from = lo;
    hi = r.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (data[r.spans[mid] * SPAN_STRIDE + SpanField.start] <= t1) lo = mid + 1;
      else hi = mid;
    }
    return [from, lo];
  }

  get retainedBytes(): number {
    let bytes = 0;
    for (const r of this.rows) bytes += r.spans.byteLength + r.maxEnd.byteLength + 64;
    return bytes;
  }
}

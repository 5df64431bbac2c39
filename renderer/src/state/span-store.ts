/**
 * Every span of the run on screen, packed exactly as it travels (SPAN_STRIDE numbers each) in
 * one growable Float64Array: 40 bytes a span, no object per span. Views index into it by span
 * number; nothing here knows about drawing.
 */
import { SPAN_STRIDE } from '../../../shared/trace.ts';

export class SpanStore {
  /** Packed spans; only the first `count * SPAN_STRIDE` numbers are meaningful. */
  data = new Float64Array(SPAN_STRIDE * 4096);
  count = 0;
  /** Latest end time seen: "now" as far as the trace knows. */
  maxEndMicros = 0;

  /** Append packed spans; returns the span number of the first one appended. */
  append(packed: ArrayLike<number>): number {
    const first = this.count;
    const needed = (this.count * SPAN_STRIDE + packed.length) | 0;
    if (needed > this.data.length) {
      let size = this.data.length * 2;
      while (size < needed) size *= 2;
      const bigger = new Float64Array(size);
      bigger.set(this.data.subarray(0, this.count * SPAN_STRIDE));
      this.data = bigger;
    }
    this.data.set(packed, this.count * SPAN_STRIDE);
    this.count += Math.floor(packed.length / SPAN_STRIDE);
    for (let i = first * SPAN_STRIDE + 4; i < this.count * SPAN_STRIDE; i += SPAN_STRIDE) {
      if (this.data[i] > this.maxEndMicros) this.maxEndMicros = this.data[i];
    }
    return first;
  }

  /** The meaningful part, as a view (no copy). */
  packed(): Float64Array {
    return this.data.subarray(0, this.count * SPAN_STRIDE);
  }

  get retainedBytes(): number {
    return this.data.byteLength;
  }
}

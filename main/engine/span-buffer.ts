/**
 * Where a thread writes its spans: a growable Float64Array, flushed as one transferable buffer.
 * Recording a span is five stores; no object, no message per event (the recorder merges).
 */
import { SPAN_STRIDE, type Micros, type PhaseCode } from '../../shared/trace.ts';

export class SpanBuffer {
  private data = new Float64Array(SPAN_STRIDE * 1024);
  private length = 0;

  record(req: number, lane: number, phase: PhaseCode, start: Micros, end: Micros): void {
    if (this.length + SPAN_STRIDE > this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const d = this.data;
    const i = this.length;
    d[i] = req;
    d[i + 1] = lane;
    d[i + 2] = phase;
    d[i + 3] = start;
    d[i + 4] = end;
    this.length = i + SPAN_STRIDE;
  }

  get count(): number {
    return this.length / SPAN_STRIDE;
  }

  /** The spans recorded since the last take, in a buffer the caller may transfer. */
  take(): Float64Array {
    const out = this.data.slice(0, this.length);
    this.length = 0;
    return out;
  }
}

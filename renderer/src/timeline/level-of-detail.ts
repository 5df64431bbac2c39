/**
 * Level of detail: turning the spans of one row into at most one rectangle per pixel column.
 *
 * A run of 20,000 requests holds hundreds of thousands of spans; zoomed out, most are far
 * narrower than a pixel, and drawing each would cost ~200 ms a frame. Instead each row is
 * rasterised into a scratch array of pixel columns: every span claims the columns it touches
 * (at least one), a column keeps the span with the highest phase priority (a blocked thread
 * outranks "running", so the interesting phase survives zooming out), and runs of equal
 * columns become rectangles. The output covers exactly the columns the spans touched and can
 * never hold more rectangles than there are columns, whatever the input.
 *
 * Rectangles remember the request they show, so the renderer can separate and label requests
 * when zoomed in; runs narrower than MIN_DISTINCT_CSS_PX are merged across requests, since
 * nobody can tell them apart at that size anyway.
 */
import type { CssPx, TimeScale } from './time-scale.ts';

/** Below this width, neighbouring rectangles of one phase merge even if their requests differ. */
export const MIN_DISTINCT_CSS_PX = 3;

/** A request id for a rectangle covering several requests. */
export const MIXED_REQUESTS = -1;

/** Rectangles of one row, in growable parallel arrays (reused frame to frame). */
export class RectList {
  count = 0;
  xCssPx = new Int32Array(64);
  widthCssPx = new Int32Array(64);
  phase = new Uint8Array(64);
  req = new Int32Array(64);

  clear(): void {
    this.count = 0;
  }

  push(xCssPx: number, widthCssPx: number, phase: number, req: number): void {
    if (this.count === this.xCssPx.length) this.grow();
    const i = this.count++;
    this.xCssPx[i] = xCssPx;
    this.widthCssPx[i] = widthCssPx;
    this.phase[i] = phase;
    this.req[i] = req;
  }

  private grow(): void {
    const size = this.xCssPx.length * 2;
    const copy = <T extends Int32Array | Uint8Array>(a: T, b: T) => (b.set(a), b);
    this.xCssPx = copy(this.xCssPx, new Int32Array(size));
    this.widthCssPx = copy(this.widthCssPx, new Int32Array(size));
    this.phase = copy(this.phase, new Uint8Array(size));
    this.req = copy(this.req, new Int32Array(size));
  }
}

/** The columns [first, last) a span touches: at least one, clipped to [0, widthCssPx). */
export function touchedColumns(scale: TimeScale, startMicros: number, endMicros: number): [number, number] {
  const first = Math.floor(scale.cssPxFromMicros(startMicros));
  const last = Math.max(first + 1, Math.ceil(scale.cssPxFromMicros(endMicros)));
  return [Math.max(0, first), Math.min(Math.ceil(scale.widthCssPx), last)];
}

/** Rasterises one row at a time; one merger serves every row of a frame. */
export class RowMerger {
  private priority: Int16Array;
  private phase: Uint8Array;
  private req: Int32Array;
  private lo = Infinity;
  private hi = -Infinity;

  constructor(
    private scale: TimeScale,
    /** Priority of each phase code; a column shows its highest-priority span. */
    private readonly phasePriority: ArrayLike<number>,
  ) {
    const columns = Math.ceil(scale.widthCssPx);
    this.priority = new Int16Array(columns).fill(-1);
    this.phase = new Uint8Array(columns);
    this.req = new Int32Array(columns);
  }

  /** Reuse the scratch arrays for a new frame's scale. */
  setScale(scale: TimeScale): void {
    this.scale = scale;
    const columns = Math.ceil(scale.widthCssPx);
    if (columns > this.priority.length) {
      this.priority = new Int16Array(columns).fill(-1);
      this.phase = new Uint8Array(columns);
      this.req = new Int32Array(columns);
    }
  }

  add(startMicros: number, endMicros: number, phase: number, req: number): void {
    const [first, last] = touchedColumns(this.scale, startMicros, endMicros);
    if (first >= last) return;
    const p = this.phasePriority[phase];
    const priority = this.priority;
    for (let c = first; c < last; c++) {
      if (p > priority[c]) {
        priority[c] = p;
        this.phase[c] = phase;
        this.req[c] = req;
      }
    }
    if (first < this.lo) this.lo = first;
    if (last > this.hi) this.hi = last;
  }

  /** Emit this row's rectangles into `out` (appending) and reset for the next row. */
  flush(out: RectList): void {
    const { priority, phase, req } = this;
    const firstOfRow = out.count;
    let c = this.lo;
    while (c < this.hi) {
      if (priority[c] < 0) {
        c++;
        continue;
      }
      const start = c;
      const ph = phase[c];
      const rq = req[c];
      while (c < this.hi && priority[c] >= 0 && phase[c] === ph && req[c] === rq) c++;
      out.push(start, c - start, ph, rq);
    }
    for (let i = this.lo; i < this.hi; i++) priority[i] = -1;
    this.lo = Infinity;
    this.hi = -Infinity;
    mergeNarrowNeighbours(out, firstOfRow);
  }
}

/** Merge adjacent same-phase rectangles when either is too narrow to tell requests apart. */
function mergeNarrowNeighbours(out: RectList, from: number): void {
  let w = from;
  for (let r = from; r < out.count; r++) {
    if (w > from) {
      const prev = w - 1;
      const touching = out.xCssPx[prev] + out.widthCssPx[prev] === out.xCssPx[r];
      const narrow = out.widthCssPx[prev] < MIN_DISTINCT_CSS_PX || out.widthCssPx[r] < MIN_DISTINCT_CSS_PX;
      if (touching && narrow && out.phase[prev] === out.phase[r]) {
        out.widthCssPx[prev] += out.widthCssPx[r];
        if (out.req[prev] !== out.req[r]) out.req[prev] = MIXED_REQUESTS;
        continue;
      }
    }
    out.xCssPx[w] = out.xCssPx[r];
    out.widthCssPx[w] = out.widthCssPx[r];
    out.phase[w] = out.phase[r];
    out.req[w] = out.req[r];
    w++;
  }
  out.count = w;
}

/**
 * Level of detail: turning the spans of one row into at most one rectangle per pixel column.
 *
 * A run of 20,000 requests holds hundreds of thousands of spans; zoomed out, most are far
 * narrower than a pixel, and drawing each would cost ~200 ms a frame. Instead each row is
 * rasterised into scratch pixel columns: every span adds the part of each column it covers
 * (at least a sliver, so it touches at least one column) to that column's total for its phase.
 * A column shows the phase that covers most of it, so a thread blocked 70% and computing 20%
 * of the time reads as mostly blocked when zoomed out, not as whichever was drawn last;
 * "running" around that work is context and shows only where nothing else does. Runs of equal
 * columns become rectangles. The output covers exactly the columns the spans touched and can
 * never hold more rectangles than there are columns, whatever the input.
 *
 * Rectangles remember the request they show, so the renderer can separate and label requests
 * when zoomed in; runs narrower than MIN_DISTINCT_CSS_PX are merged across requests, since
 * nobody can tell them apart at that size anyway.
 */
import type { TimeScale } from './time-scale.ts';

/** Below this width, neighbouring rectangles of one phase merge even if their requests differ. */
const MIN_DISTINCT_CSS_PX = 3;

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

/** What the merger needs to know about phases, by phase code. */
export interface PhaseRules {
  /** Breaks ties between equal coverage (and picks the span hover describes). */
  priority: ArrayLike<number>;
  /**
   * Context phases (a thread's "running" around the work it consists of, the client's whole
   * request) show in a column only when no other phase touches it.
   */
  context: ArrayLike<boolean>;
}

/** A span shorter than this still counts as covering the column it touches. */
const MIN_COVERAGE_CSS_PX = 1e-6;

/** Rasterises one row at a time; one merger serves every row of a frame. */
export class RowMerger {
  private readonly phases: number;
  private coverage: Float64Array;
  private bestScore: Float64Array;
  private bestReq: Int32Array;
  private lo = Infinity;
  private hi = -Infinity;

  constructor(
    private scale: TimeScale,
    private readonly rules: PhaseRules,
  ) {
    this.phases = rules.priority.length;
    const columns = Math.ceil(scale.widthCssPx);
    this.coverage = new Float64Array(columns * this.phases);
    this.bestScore = new Float64Array(columns);
    this.bestReq = new Int32Array(columns);
  }

  /** Reuse the scratch arrays for a new frame's scale. */
  setScale(scale: TimeScale): void {
    this.scale = scale;
    const columns = Math.ceil(scale.widthCssPx);
    if (columns > this.bestScore.length) {
      this.coverage = new Float64Array(columns * this.phases);
      this.bestScore = new Float64Array(columns);
      this.bestReq = new Int32Array(columns);
    }
  }

  add(startMicros: number, endMicros: number, phase: number, req: number): void {
    const [first, last] = touchedColumns(this.scale, startMicros, endMicros);
    if (first >= last) return;
    const x0 = this.scale.cssPxFromMicros(startMicros);
    const x1 = this.scale.cssPxFromMicros(endMicros);
    const bonus = this.rules.context[phase] ? 0 : 2;
    const { coverage, bestScore, bestReq, phases } = this;
    for (let c = first; c < last; c++) {
      const overlap = Math.max(MIN_COVERAGE_CSS_PX, Math.min(x1, c + 1) - Math.max(x0, c));
      coverage[c * phases + phase] += overlap;
      // The request a column names: the span covering most of it, work before context.
      if (overlap + bonus > bestScore[c]) {
        bestScore[c] = overlap + bonus;
        bestReq[c] = req;
      }
    }
    if (first < this.lo) this.lo = first;
    if (last > this.hi) this.hi = last;
  }

  /** The phase a column shows: most coverage among work phases, else among context; -1 if untouched. */
  private winner(c: number): number {
    const { coverage, phases, rules } = this;
    let best = -1;
    let bestWork = false;
    let bestCover = 0;
    for (let p = 0; p < phases; p++) {
      const v = coverage[c * phases + p];
      if (v <= 0) continue;
      const work = !rules.context[p];
      const better =
        best < 0 ||
        (work && !bestWork) ||
        (work === bestWork && (v > bestCover || (v === bestCover && rules.priority[p] > rules.priority[best])));
      if (better) {
        best = p;
        bestWork = work;
        bestCover = v;
      }
    }
    return best;
  }

  /** Emit this row's rectangles into `out` (appending) and reset for the next row. */
  flush(out: RectList): void {
    const firstOfRow = out.count;
    let runStart = -1;
    let runPhase = -1;
    let runReq = 0;
    for (let c = this.lo; c <= this.hi; c++) {
      const phase = c < this.hi ? this.winner(c) : -1;
      const req = phase >= 0 ? this.bestReq[c] : 0;
      if (runStart >= 0 && (phase !== runPhase || req !== runReq)) {
        out.push(runStart, c - runStart, runPhase, runReq);
        runStart = -1;
      }
      if (phase >= 0 && runStart < 0) {
        runStart = c;
        runPhase = phase;
        runReq = req;
      }
    }
    if (this.hi > this.lo) {
      this.coverage.fill(0, this.lo * this.phases, this.hi * this.phases);
      this.bestScore.fill(0, this.lo, this.hi);
    }
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

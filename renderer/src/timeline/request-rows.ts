/**
 * The requests view's rows: one per request, ordered by request id, each a short linked list
 * of its span numbers (a request has a handful of spans, so no sorting is needed). Four bytes a
 * span for the link, one for its sub-row, and a few per request. Sub-rows (see lane-layout.ts)
 * are packed lazily, only for rows that changed and are about to be drawn.
 */
import { Phase, SPAN_STRIDE, SpanField } from '../../../shared/trace.ts';
import { packIntervals } from './lane-layout.ts';

const NONE = -1;

export class RequestRows {
  private slotOfReq = new Map<number, number>();
  private reqOfSlot: number[] = [];
  private head: number[] = [];
  private tail: number[] = [];
  private subRows: number[] = [];
  private dirty: boolean[] = [];
  /** Slots in request-id order: display row → slot. */
  private order: number[] = [];
  private next = new Int32Array(4096);
  private depth = new Uint8Array(4096);

  constructor(private readonly data: () => Float64Array) {}

  get rowCount(): number {
    return this.order.length;
  }

  clear(): void {
    this.slotOfReq.clear();
    this.reqOfSlot = [];
    this.head = [];
    this.tail = [];
    this.subRows = [];
    this.dirty = [];
    this.order = [];
  }

  add(span: number, req: number): void {
    if (span >= this.next.length) this.grow(span + 1);
    let slot = this.slotOfReq.get(req);
    if (slot === undefined) {
      slot = this.newSlot(req);
      this.head[slot] = span;
      this.tail[slot] = span;
    } else if (this.head[slot] === NONE) {
      this.head[slot] = span;
      this.tail[slot] = span;
      this.dirty[slot] = true;
    } else {
      this.next[this.tail[slot]] = span;
      this.tail[slot] = span;
      this.dirty[slot] = true;
    }
    this.next[span] = NONE;
  }

  /**
   * A row for request `req` even without spans: a URL run's requests have only what the client
   * saw (the row's client strip), since no server thread reports on them.
   */
  addRequest(req: number): void {
    if (!this.slotOfReq.has(req)) this.newSlot(req);
  }

  private newSlot(req: number): number {
    const slot = this.reqOfSlot.length;
    this.slotOfReq.set(req, slot);
    this.reqOfSlot.push(req);
    this.head.push(NONE);
    this.tail.push(NONE);
    this.subRows.push(1);
    this.dirty.push(true);
    this.insertInOrder(slot, req);
    return slot;
  }

  /** Request id shown on display row `row`. */
  reqAt(row: number): number {
    return this.reqOfSlot[this.order[row]];
  }

  /** Display row of request `req`, or -1. */
  rowOf(req: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.reqOfSlot[this.order[mid]] < req) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.order.length && this.reqOfSlot[this.order[lo]] === req ? lo : -1;
  }

  /** Calls fn(span, subRow) for each span of display row `row`; the client span gets subRow -1. */
  forEach(row: number, fn: (span: number, subRow: number) => void): void {
    const slot = this.order[row];
    if (slot === undefined) return;
    if (this.dirty[slot]) this.pack(slot);
    for (let s = this.head[slot]; s !== NONE; s = this.next[s]) fn(s, this.depth[s] === 255 ? -1 : this.depth[s]);
  }

  /** Sub-rows the server spans of display row `row` need (at least 1). */
  subRowsOf(row: number): number {
    const slot = this.order[row];
    if (slot === undefined) return 1;
    if (this.dirty[slot]) this.pack(slot);
    return this.subRows[slot];
  }

  get retainedBytes(): number {
    return this.next.byteLength + this.depth.byteLength + this.reqOfSlot.length * 80;
  }

  private pack(slot: number): void {
    const data = this.data();
    const server: number[] = [];
    for (let s = this.head[slot]; s !== NONE; s = this.next[s]) {
      const phase = data[s * SPAN_STRIDE + SpanField.phase];
      if (phase === Phase.client) this.depth[s] = 255;
      // A thread's "running" span encloses the block, cpu and db spans it consists of: it is
      // context, not concurrency, so it stays on the first sub-row under whatever it encloses.
      else if (phase === Phase.running) this.depth[s] = 0;
      else server.push(s);
    }
    const starts = server.map((s) => data[s * SPAN_STRIDE + SpanField.start]);
    const ends = server.map((s) => data[s * SPAN_STRIDE + SpanField.end]);
    const { depth, rows } = packIntervals(starts, ends);
    server.forEach((s, i) => (this.depth[s] = Math.min(depth[i], 254)));
    this.subRows[slot] = Math.max(1, rows);
    this.dirty[slot] = false;
  }

  private insertInOrder(slot: number, req: number): void {
    let i = this.order.length;
    this.order.push(slot);
    while (i > 0 && this.reqOfSlot[this.order[i - 1]] > req) {
      this.order[i] = this.order[i - 1];
      i--;
    }
    this.order[i] = slot;
  }

  private grow(needed: number): void {
    let size = this.next.length * 2;
    while (size < needed) size *= 2;
    const next = new Int32Array(size);
    next.set(this.next);
    const depth = new Uint8Array(size);
    depth.set(this.depth);
    this.next = next;
    this.depth = depth;
  }
}

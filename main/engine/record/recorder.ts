/**
 * The recorder: merges what the threads send into one trace, and hands it out in batches.
 *
 * A request is complete when both sides have reported: the load generator (intended, sent,
 * received, status) and the server (accepted, responded). They arrive in separate batches from
 * separate threads, so each side waits in a map for the other; requests the server never saw
 * (refused, stopped) are released when the run ends.
 */
import {
  SPAN_STRIDE,
  clientLaneName,
  SpanField,
  type Lane,
  type LoopSample,
  type Micros,
  type RequestRecord,
  type TraceBatch,
} from '../../../shared/trace.ts';

class GrowableSpans {
  data = new Float64Array(1 << 16);
  length = 0;

  append(spans: Float64Array): void {
    if (this.length + spans.length > this.data.length) {
      let size = this.data.length * 2;
      while (size < this.length + spans.length) size *= 2;
      const bigger = new Float64Array(size);
      bigger.set(this.data.subarray(0, this.length));
      this.data = bigger;
    }
    this.data.set(spans, this.length);
    this.length += spans.length;
  }

  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * A plain array copy of `data[from, to)`, for batches (the store and the bridge take arrays).
 * A loop into a sized array: Array.from on a typed array costs about nine times as much
 * (135 ns against 15 ns a span, measured by bench/benchmarks/recording-cost.ts).
 */
function toArray(data: Float64Array, from: number, to: number): number[] {
  const out = new Array<number>(to - from);
  for (let i = from; i < to; i++) out[i - from] = data[i];
  return out;
}

export class Recorder {
  readonly lanes: Lane[];
  readonly requests: RequestRecord[] = [];
  readonly loop: LoopSample[] = [];
  private readonly spans = new GrowableSpans();
  private readonly clientOnly = new Map<number, RequestRecord>();
  private readonly serverOnly = new Map<number, [number, number]>();
  private readonly clientLanes = new Set<number>();
  private batchFrom = { lanes: 0, spans: 0, requests: 0, loop: 0 };
  private loopFrom = Infinity;
  /** Thread clocks' reading when the load started: recorded times are shifted to start there. */
  private origin = 0;

  /** Client connection i is lane `firstClientLane + i`; its lane is added when first used. */
  constructor(
    serverLanes: Lane[],
    private readonly firstClientLane: number,
  ) {
    this.lanes = [...serverLanes];
  }

  /**
   * A lane found while the run goes: real Django's threads are known only once they report, so
   * its runner hands out dense ids itself and names its client lanes too.
   */
  addLane(lane: Lane): void {
    this.lanes.push(lane);
    if (lane.kind === 'client') this.clientLanes.add(lane.id);
  }

  /** Run time 0 from now on is thread-clock time `t` (set before anything is recorded). */
  startClockAt(t: Micros): void {
    this.origin = t;
  }

  addSpans(spans: Float64Array): void {
    const o = this.origin;
    for (let i = 0; i < spans.length; i += SPAN_STRIDE) {
      spans[i + SpanField.start] -= o;
      spans[i + SpanField.end] -= o;
    }
    this.spans.append(spans);
  }

  addServed(packed: Float64Array): void {
    for (let i = 0; i < packed.length; i += 3) {
      const id = packed[i];
      const client = this.clientOnly.get(id);
      if (client) {
        this.clientOnly.delete(id);
        this.complete(client, packed[i + 1] - this.origin, packed[i + 2] - this.origin);
      } else this.serverOnly.set(id, [packed[i + 1] - this.origin, packed[i + 2] - this.origin]);
    }
  }

  /**
   * Loop samples from before the load started (thread start-up, warm-up) describe the engine, not
   * the scenario: keep only those from `t` on.
   */
  measureFrom(t: number): void {
    this.loopFrom = t;
  }

  addLoop(packed: Float64Array): void {
    for (let i = 0; i < packed.length; i += 2) {
      if (packed[i] >= this.loopFrom) this.loop.push({ t: packed[i] - this.origin, delayMs: packed[i + 1] });
    }
  }

  addRequests(records: RequestRecord[]): void {
    for (const r of records) {
      this.shiftClientTimes(r);
      const server = this.serverOnly.get(r.id);
      if (server) {
        this.serverOnly.delete(r.id);
        this.complete(r, server[0], server[1]);
      } else this.clientOnly.set(r.id, r);
    }
  }

  /**
   * Records no server side will join (a URL run's server is not ours): complete as they arrive,
   * so live batches carry them, with no accepted or responded stamps.
   */
  addClientRecords(records: RequestRecord[]): void {
    for (const r of records) {
      this.shiftClientTimes(r);
      this.requests.push(r);
    }
  }

  private shiftClientTimes(r: RequestRecord): void {
    const o = this.origin;
    r.intended -= o;
    r.sent -= o;
    if (r.received !== null) r.received -= o;
    if (r.connectStart !== undefined) r.connectStart -= o;
    if (r.connectEnd !== undefined) r.connectEnd -= o;
    if (r.tlsEnd !== undefined) r.tlsEnd -= o;
    if (r.requestStart !== undefined) r.requestStart -= o;
    if (r.requestEnd !== undefined) r.requestEnd -= o;
    if (r.firstByte !== undefined) r.firstByte -= o;
    this.noteClientLane(r.conn);
  }

  /** The run is over: release requests the server never answered (in completion order, like the rest). */
  finish(): void {
    for (const r of this.clientOnly.values()) this.requests.push(r);
    this.clientOnly.clear();
  }

  get spanData(): Float64Array {
    return this.spans.view();
  }

  /** Everything recorded since the previous batch. */
  takeBatch(): TraceBatch {
    const from = this.batchFrom;
    const batch: TraceBatch = {
      lanes: this.lanes.slice(from.lanes),
      spans: toArray(this.spans.data, from.spans, this.spans.length),
      requests: this.requests.slice(from.requests),
      loop: this.loop.slice(from.loop),
    };
    this.batchFrom = {
      lanes: this.lanes.length,
      spans: this.spans.length,
      requests: this.requests.length,
      loop: this.loop.length,
    };
    return batch;
  }

  private complete(r: RequestRecord, accepted: number, responded: number): void {
    r.accepted = accepted;
    r.responded = responded;
    this.requests.push(r);
  }

  private noteClientLane(id: number): void {
    if (this.clientLanes.has(id)) return;
    this.clientLanes.add(id);
    this.lanes.push({ id, name: clientLaneName(id - this.firstClientLane), kind: 'client', process: -1 });
  }
}

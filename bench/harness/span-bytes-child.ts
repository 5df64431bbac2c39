/**
 * Bytes per span, measured on the heap rather than added up from the code's own accounting:
 *
 *   node --expose-gc --import tsx bench/harness/span-bytes-child.ts REQUESTS
 *
 * A run shaped like the shop (five spans a request: the client's, the loop's offload and cpu, the
 * executor's queue wait and query; 16 executor threads, 50 connections) is built once and held
 * throughout. Then, one at a time, each holder of spans is filled and the process's memory (V8
 * heap plus array buffers, after two full collections) is read before and after:
 *
 * - a thread's span buffer (main/engine/span-buffer.ts) holding every span;
 * - the engine's recorder (main/engine/record/recorder.ts) holding the run's spans, as it does
 *   until the run ends (batches of 1,000 spans, as threads flush them);
 * - the renderer's TraceStore (renderer/src/state/trace-store.ts, which has no DOM) opening the
 *   run, minus the same store opening the run without its spans: the packed spans and both
 *   indexes, not the request records.
 *
 * Prints one JSON line (SpanBytesReport).
 */
import { Recorder } from '../../main/engine/record/recorder.ts';
import { SpanBuffer } from '../../main/engine/span-buffer.ts';
import { TraceStore } from '../../renderer/src/state/trace-store.ts';
import type { RunDocument } from '../../shared/run.ts';
import { scenarioSchema } from '../../shared/scenario.ts';
import { Phase, SPAN_STRIDE, type Lane, type PhaseCode, type RequestRecord } from '../../shared/trace.ts';

export interface SpanBytesReport {
  spans: number;
  /** Bytes per span measured for each holder. */
  spanBuffer: number;
  recorder: number;
  rendererStore: number;
  /** What the renderer's own accounting (TraceStore.retainedSpanBytes) says, for comparison. */
  rendererAccounted: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc: the measurement needs full collections');

/** Heap and array-buffer bytes in use after two full collections. */
function used(): number {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const EXECUTORS = 16;
const CONNECTIONS = 50;

function shopShapedRun(requests: number): RunDocument {
  const lanes: Lane[] = [
    { id: 0, name: 'event loop', kind: 'loop', process: 0 },
    ...Array.from({ length: EXECUTORS }, (_, i) => ({
      id: 1 + i,
      name: `executor ${i + 1}`,
      kind: 'executor' as const,
      process: 0,
    })),
    ...Array.from({ length: CONNECTIONS }, (_, i) => ({
      id: 1 + EXECUTORS + i,
      name: `conn ${i + 1}`,
      kind: 'client' as const,
      process: -1,
    })),
  ];
  const spans: number[] = [];
  const records: RequestRecord[] = [];
  const push = (req: number, lane: number, phase: PhaseCode, start: number, end: number) =>
    spans.push(req, lane, phase, start, end);
  for (let id = 0; id < requests; id++) {
    const t = id * 200; // 5,000 requests a second
    const conn = 1 + EXECUTORS + (id % CONNECTIONS);
    const executor = 1 + (id % EXECUTORS);
    push(id, conn, Phase.client, t, t + 9_000);
    push(id, 0, Phase.offload, t + 100, t + 6_200);
    push(id, executor, Phase['exec-queue'], t + 100, t + 150);
    push(id, executor, Phase.db, t + 150, t + 6_150);
    push(id, 0, Phase.cpu, t + 6_300, t + 8_300);
    records.push({
      id,
      endpoint: 0,
      intended: t,
      sent: t,
      accepted: t + 50,
      responded: t + 8_400,
      received: t + 9_000,
      status: 200,
      error: null,
      conn,
    });
  }
  return {
    format: 'interleave-run',
    version: 1,
    info: {
      id: 1,
      name: 'bench: span bytes',
      status: 'complete',
      createdAt: new Date(0).toISOString(),
      scenarioName: 'shop-shaped',
      summary: null,
      recordedRequests: requests,
      error: null,
      cores: 2,
    },
    scenario: scenarioSchema.parse({
      server: { model: 'async', executor: 'pool', poolThreads: EXECUTORS },
      endpoints: [
        {
          name: 'page',
          view: 'async',
          steps: [
            { kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 6 } },
            { kind: 'cpu', ms: 2 },
          ],
        },
      ],
      load: { model: 'closed', concurrency: CONNECTIONS, end: { kind: 'requests', count: requests } },
    }),
    lanes,
    spans,
    requests: records,
    loop: [],
  };
}

/** Bytes the value made by `fill` holds, measured while it is held. */
function measure<T>(fill: () => T): { bytes: number; held: T } {
  const before = used();
  const held = fill();
  return { bytes: used() - before, held };
}

const requests = Number(process.argv[2] ?? 20_000);
const doc = shopShapedRun(requests);
const count = doc.spans.length / SPAN_STRIDE;

const buffer = measure(() => {
  const b = new SpanBuffer();
  const s = doc.spans;
  for (let i = 0; i < s.length; i += SPAN_STRIDE) b.record(s[i], s[i + 1], s[i + 2] as PhaseCode, s[i + 3], s[i + 4]);
  return b;
});

const recorder = measure(() => {
  const r = new Recorder(
    doc.lanes.filter((l) => l.kind !== 'client'),
    1 + EXECUTORS,
  );
  for (let i = 0; i < doc.spans.length; i += 1_000 * SPAN_STRIDE)
    r.addSpans(Float64Array.from(doc.spans.slice(i, i + 1_000 * SPAN_STRIDE)));
  return r;
});

const withoutSpans = measure(() => {
  const store = new TraceStore();
  store.openDocument({ ...doc, spans: [] });
  return store;
});
const withSpans = measure(() => {
  const store = new TraceStore();
  store.openDocument(doc);
  return store;
});

const report: SpanBytesReport = {
  spans: count,
  spanBuffer: buffer.bytes / count,
  recorder: recorder.bytes / count,
  rendererStore: (withSpans.bytes - withoutSpans.bytes) / count,
  rendererAccounted: withSpans.held.retainedSpanBytes / count,
};
// Keep every holder alive until the last measurement.
if (buffer.held.count + recorder.held.spanData.length + withoutSpans.held.spans.count < 0) process.exit(1);
console.log(JSON.stringify(report));

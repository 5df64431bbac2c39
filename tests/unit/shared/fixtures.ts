/**
 * Small realistic runs for the shared/ tests, made by hand: lanes, packed spans and requests
 * laid out the way the engine records them (times in µs since the run's origin). Plus a
 * fast-check arbitrary of arbitrary but well-formed run records, for property tests.
 */
import fc from 'fast-check';
import type { RunDocument } from '../../../shared/run.ts';
import { scenarioSchema, type ScenarioInput } from '../../../shared/scenario.ts';
import {
  Phase,
  SPAN_STRIDE,
  type Lane,
  type LoopSample,
  type PhaseCode,
  type RequestRecord,
  type Span,
} from '../../../shared/trace.ts';
import { computeSummary } from '../../../shared/analysis/summary.ts';

const MS = 1000;

export function pack(spans: readonly Span[]): number[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: number[] = [];
  for (const s of sorted) out.push(s.req, s.lane, s.phase, s.start, s.end);
  return out;
}

export function unpack(spans: ArrayLike<number>): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < spans.length; i += SPAN_STRIDE) {
    out.push({
      req: spans[i],
      lane: spans[i + 1],
      phase: spans[i + 2] as PhaseCode,
      start: spans[i + 3],
      end: spans[i + 4],
    });
  }
  return out;
}

export interface RunParts {
  name?: string;
  scenario: ScenarioInput;
  lanes: Lane[];
  spans: Span[];
  requests: RequestRecord[];
  loop?: LoopSample[];
  /** The cores the run recorded (RunInfo.cores); null, as a run from before it did, when absent. */
  cores?: number | null;
}

/** A complete RunDocument from its parts, with the summary computed as the engine would. */
export function makeRun(parts: RunParts): RunDocument {
  const scenario = scenarioSchema.parse(parts.scenario);
  const records = { lanes: parts.lanes, spans: pack(parts.spans), requests: parts.requests, loop: parts.loop ?? [] };
  return {
    format: 'interleave-run',
    version: 1,
    info: {
      id: 7,
      name: parts.name ?? scenario.name,
      status: 'complete',
      createdAt: '2026-03-01T10:00:00.000Z',
      scenarioName: scenario.name,
      summary: computeSummary(records),
      recordedRequests: parts.requests.length,
      error: null,
      cores: parts.cores ?? null,
    },
    scenario,
    ...records,
  };
}

const clientLanes = (n: number, firstId: number): Lane[] =>
  Array.from({ length: n }, (_, i) => ({ id: firstId + i, name: `client ${i + 1}`, kind: 'client', process: -1 }));

function request(
  id: number,
  conn: number,
  sent: number,
  accepted: number,
  responded: number,
  endpoint = 0,
): RequestRecord {
  return {
    id,
    endpoint,
    intended: sent,
    sent,
    accepted,
    responded,
    received: responded + 200,
    status: 200,
    error: null,
    conn,
  };
}

/**
 * Ten users call an async view that does `time.sleep(0.1)`: the loop runs the ten blocks one
 * after another, so request i finishes after (i + 1) × 100 ms. Loop-delay samples show the stalls.
 */
export function blockedLoopRun(name = 'Async view calling time.sleep'): RunDocument {
  const lanes: Lane[] = [{ id: 0, name: 'event loop', kind: 'loop', process: 0 }, ...clientLanes(10, 1)];
  const spans: Span[] = [];
  const requests: RequestRecord[] = [];
  const t0 = 1 * MS;
  for (let i = 0; i < 10; i++) {
    const start = t0 + 100 + i * 100 * MS;
    const end = start + 100 * MS;
    spans.push({ req: i, lane: 0, phase: Phase.block, start, end });
    requests.push(request(i, 1 + i, t0, t0 + 50, end + 50));
    spans.push({ req: i, lane: 1 + i, phase: Phase.client, start: t0, end: end + 250 });
  }
  const loop: LoopSample[] = [];
  for (let t = 10 * MS; t <= 1010 * MS; t += 10 * MS) {
    // A 10 ms timer due inside a block fires when the block ends.
    const blockEnd = t0 + 100 + Math.ceil((t - t0 - 100) / (100 * MS)) * 100 * MS;
    loop.push({ t, delayMs: Math.max(0, (blockEnd - t) / MS) });
  }
  return makeRun({
    name,
    scenario: {
      name: 'Async view calling time.sleep',
      server: { model: 'async' },
      endpoints: [{ name: 'sleepy', view: 'async', steps: [{ kind: 'block', ms: 100 }] }],
      load: { model: 'closed', concurrency: 10, end: { kind: 'requests', count: 10 } },
    },
    lanes,
    spans,
    requests,
    loop,
  });
}

/**
 * Ten users call a sync view blocking 100 ms on 4 sync workers: waves of four, the rest of
 * the time "queued for a worker".
 */
export function syncWorkersRun(name = 'Sync views on 4 workers'): RunDocument {
  const workers: Lane[] = [1, 2, 3, 4].map((w) => ({ id: w - 1, name: `worker ${w}`, kind: 'worker', process: w }));
  const lanes = [...workers, ...clientLanes(10, 10)];
  const spans: Span[] = [];
  const requests: RequestRecord[] = [];
  const t0 = 2 * MS;
  for (let i = 0; i < 10; i++) {
    const worker = i % 4;
    const start = t0 + 100 + Math.floor(i / 4) * 100 * MS;
    const end = start + 100 * MS;
    if (start > t0 + 100) spans.push({ req: i, lane: worker, phase: Phase.queued, start: t0 + 100, end: start });
    spans.push({ req: i, lane: worker, phase: Phase.running, start, end });
    spans.push({ req: i, lane: worker, phase: Phase.block, start: start + 5, end: end - 5 });
    requests.push(request(i, 10 + i, t0, t0 + 100, end + 50));
    spans.push({ req: i, lane: 10 + i, phase: Phase.client, start: t0, end: end + 250 });
  }
  return makeRun({
    name,
    scenario: {
      name: 'Sync views on 4 workers',
      server: { model: 'sync-workers', workers: 4 },
      endpoints: [{ name: 'sync-view', view: 'sync', steps: [{ kind: 'block', ms: 100 }] }],
      load: { model: 'closed', concurrency: 10, end: { kind: 'requests', count: 10 } },
    },
    lanes,
    spans,
    requests,
  });
}

/**
 * Two users call an async view gathering two ORM queries (offloads of 100 ms) on the
 * per-request executor: each request's queries run one after the other on its own thread.
 * Request 1 fails with a 500 to exercise error columns.
 */
export function gatherOffloadRun(name = 'Gathering two ORM queries'): RunDocument {
  const lanes: Lane[] = [
    { id: 0, name: 'event loop', kind: 'loop', process: 0 },
    { id: 1, name: 'executor 1', kind: 'executor', process: 0 },
    { id: 2, name: 'executor 2', kind: 'executor', process: 0 },
    ...clientLanes(2, 3),
  ];
  const spans: Span[] = [];
  const requests: RequestRecord[] = [];
  for (let i = 0; i < 2; i++) {
    const sent = 1 * MS + i * 20;
    const accepted = sent + 100;
    const thread = 1 + i;
    const q1 = accepted + 50;
    const q2 = q1 + 100 * MS + 30;
    spans.push({ req: i, lane: 0, phase: Phase.offload, start: accepted + 10, end: q2 + 100 * MS + 20 });
    spans.push({ req: i, lane: 0, phase: Phase.offload, start: accepted + 12, end: q2 + 100 * MS + 25 });
    spans.push({ req: i, lane: thread, phase: Phase['exec-queue'], start: accepted + 10, end: q1 });
    spans.push({ req: i, lane: thread, phase: Phase.db, start: q1, end: q1 + 100 * MS });
    spans.push({ req: i, lane: thread, phase: Phase['exec-queue'], start: accepted + 12, end: q2 });
    spans.push({ req: i, lane: thread, phase: Phase.db, start: q2, end: q2 + 100 * MS });
    const responded = q2 + 100 * MS + 60;
    requests.push({
      ...request(i, 3 + i, sent, accepted, responded),
      status: i === 1 ? 500 : 200,
      error: i === 1 ? 'view failed: "order", line 2' : null,
    });
    spans.push({ req: i, lane: 3 + i, phase: Phase.client, start: sent, end: responded + 200 });
  }
  return makeRun({
    name,
    scenario: {
      name: 'Gathering two ORM queries',
      server: { model: 'async', executor: 'per-request' },
      endpoints: [
        {
          name: 'two-queries',
          view: 'async',
          steps: [
            {
              kind: 'gather',
              steps: [
                { kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 100 } },
                { kind: 'offload', step: { kind: 'db', query: 'cart-get', ms: 100 } },
              ],
            },
          ],
        },
      ],
      load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 2 } },
    },
    lanes,
    spans,
    requests,
    loop: [
      { t: 10 * MS, delayMs: 0.2 },
      { t: 20 * MS, delayMs: 0.4 },
    ],
  });
}

const SERVER_LANES: Lane[] = [
  { id: 0, name: 'event loop', kind: 'loop', process: 0 },
  { id: 1, name: 'executor 1', kind: 'executor', process: 0 },
  { id: 2, name: 'executor 2', kind: 'executor', process: 0 },
  { id: 3, name: 'worker 1', kind: 'worker', process: 1 },
];
const CLIENT_LANES = clientLanes(3, 4);
const ARB_LANES = [...SERVER_LANES, ...CLIENT_LANES];

/** Well-formed run records of any shape: requests with some unfinished, nested spans, loop samples. */
export const arbRunRecords = (maxRequests = 60) =>
  fc
    .record({
      requests: fc.array(
        fc.record({
          intended: fc.integer({ min: 0, max: 5_000_000 }),
          lag: fc.integer({ min: 0, max: 20_000 }),
          latency: fc.option(fc.integer({ min: 0, max: 3_000_000 }), { freq: 6 }),
          conn: fc.constantFrom(...CLIENT_LANES.map((l) => l.id)),
          status: fc.constantFrom(200, 200, 200, 500, 0),
        }),
        { maxLength: maxRequests },
      ),
      spans: fc.array(
        fc.record({
          lane: fc.constantFrom(...ARB_LANES.map((l) => l.id)),
          phase: fc.integer({ min: 0, max: 11 }),
          start: fc.integer({ min: 0, max: 6_000_000 }),
          length: fc.integer({ min: 0, max: 500_000 }),
        }),
        { maxLength: 120 },
      ),
      loop: fc.array(
        fc.record({ t: fc.integer({ min: 0, max: 6_000_000 }), delayMs: fc.double({ min: 0, max: 500, noNaN: true }) }),
        {
          maxLength: 80,
        },
      ),
    })
    .map(({ requests, spans, loop }) => {
      const reqs: RequestRecord[] = requests.map((r, id) => {
        const sent = r.intended + r.lag;
        const received = r.latency === null ? null : sent + r.latency;
        return {
          id,
          endpoint: 0,
          intended: r.intended,
          sent,
          accepted: received === null ? null : sent,
          responded: received,
          received,
          status: received === null ? 0 : r.status || 200,
          error: received === null ? 'timeout' : null,
          conn: r.conn,
        };
      });
      const packed = pack(
        spans.map((s, i) => ({
          req: reqs.length ? i % reqs.length : 0,
          lane: s.lane,
          phase: s.phase as PhaseCode,
          start: s.start,
          end: s.start + s.length,
        })),
      );
      // Plain objects: fast-check builds records without a prototype.
      const samples = loop.map((s) => ({ t: s.t, delayMs: s.delayMs })).sort((a, b) => a.t - b.t);
      return { lanes: ARB_LANES, spans: packed, requests: reqs, loop: samples };
    });

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SortedRows } from '../../../../renderer/src/timeline/sorted-rows.ts';
import {
  explainArrivalWait,
  explainWait,
  holdersDuring,
  type WaitContext,
} from '../../../../renderer/src/timeline/wait-holders.ts';
import { PHASES, Phase, type Lane, type RequestRecord } from '../../../../shared/trace.ts';

type SpanRow = [req: number, lane: number, phase: number, startMs: number, endMs: number];

/** A trace from spans given in ms, indexed per lane as the trace store indexes it. */
function trace(lanes: Lane[], rows: SpanRow[]): WaitContext & { spansOf(req: number): number[] } {
  const data = Float64Array.from(rows.flatMap(([r, l, p, s, e]) => [r, l, p, s * 1000, e * 1000]));
  const laneRows = new SortedRows(() => data);
  rows.forEach(([, lane, phase], span) => {
    if (PHASES[phase].holds) laneRows.insert(lane, span);
  });
  return {
    data,
    lanes,
    laneRows,
    requestById: new Map(),
    spansOf: (req) => rows.flatMap((row, span) => (row[0] === req ? [span] : [])),
  };
}

const worker = (id: number, process: number): Lane => ({ id, name: `worker ${process}`, kind: 'worker', process });

test('a request queued for a worker names the worker and the request whose blocking wait held it', () => {
  const t = trace(
    [worker(1, 2)],
    [
      [17, 1, Phase.running, 0, 300],
      [17, 1, Phase.block, 10, 300],
      [18, 1, Phase.queued, 0, 300],
      [18, 1, Phase.running, 300, 400],
    ],
  );
  assert.equal(
    explainWait(t, 2, t.spansOf(18)),
    "Waited 300 ms for worker 2, held by request #17's blocking call (time.sleep).",
  );
});

test('the longest holder is named first and the others are counted', () => {
  const t = trace(
    [worker(1, 1)],
    [
      [1, 1, Phase.block, 0, 100],
      [2, 1, Phase.block, 100, 350],
      [3, 1, Phase.block, 350, 400],
      [4, 1, Phase.queued, 0, 400],
      [4, 1, Phase.block, 400, 500],
    ],
  );
  const holders = holdersDuring(t, [1], 0, 400_000, 4);
  assert.deepEqual(
    holders.map((h) => [h.req, h.overlapMicros]),
    [
      [2, 250_000],
      [1, 100_000],
      [3, 50_000],
    ],
  );
  assert.match(explainWait(t, 3, t.spansOf(4)) ?? '', /held by request #2's blocking call .* and 2 other requests\.$/);
});

test('a wait for the interpreter lock names the request computing in the same process, and where', () => {
  const lanes: Lane[] = [
    { id: 1, name: 'executor 1', kind: 'executor', process: 0 },
    { id: 2, name: 'executor 2', kind: 'executor', process: 0 },
    { id: 3, name: 'worker 1', kind: 'worker', process: 1 },
  ];
  const t = trace(lanes, [
    [4, 1, Phase.cpu, 0, 15],
    [9, 3, Phase.cpu, 0, 15],
    [5, 2, Phase.gil, 0, 12],
  ]);
  assert.equal(
    explainWait(t, 2, t.spansOf(5)),
    "Waited 12 ms for the interpreter lock, held by request #4's CPU work on executor 1.",
  );
});

test("an await that ended when another request's blocking wait let go of the loop says it ended late", () => {
  const loop: Lane = { id: 0, name: 'event loop', kind: 'loop', process: 0 };
  const t = trace(
    [loop],
    [
      [3, 0, Phase.block, 0, 1000],
      [7, 0, Phase.await, 5, 1000.2],
    ],
  );
  assert.equal(
    explainWait(t, 1, t.spansOf(7)),
    "Ended late: the event loop was held until then by request #3's blocking call (time.sleep), 1 s long.",
  );
});

test('an await that ended on time, or a queue on an idle thread, names nobody', () => {
  const loop: Lane = { id: 0, name: 'event loop', kind: 'loop', process: 0 };
  const t = trace(
    [loop, worker(1, 1)],
    [
      [3, 0, Phase.block, 0, 50],
      [7, 0, Phase.await, 5, 105],
      [8, 1, Phase.queued, 0, 2],
      [8, 1, Phase.block, 2, 10],
    ],
  );
  assert.equal(explainWait(t, 1, t.spansOf(7)), null);
  assert.equal(explainWait(t, 2, t.spansOf(8)), null);
});

test('a request the loop read late names the request that held the loop meanwhile', () => {
  const loop: Lane = { id: 0, name: 'event loop', kind: 'loop', process: 0 };
  const t = trace([loop], [[3, 0, Phase.block, 0, 900]]);
  const record: RequestRecord = {
    id: 4,
    endpoint: 0,
    intended: 0,
    sent: 0,
    accepted: 900_000,
    responded: 1_000_000,
    received: 1_000_500,
    status: 200,
    error: null,
    conn: 9,
  };
  assert.equal(
    explainArrivalWait(t, record),
    "Waited 900 ms before the server read it: the event loop was held by request #3's blocking call (time.sleep).",
  );
  assert.equal(explainArrivalWait(t, { ...record, accepted: 200 }), null);
});

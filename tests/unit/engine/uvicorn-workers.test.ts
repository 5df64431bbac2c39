/**
 * `uvicorn --workers W` in the model: W processes, each its own event loop, executors and
 * interpreter lock, the load generator's connections spread over them evenly (connection i to
 * process i mod W, as the kernel spreads a shared socket's). Asserted on lanes and the order of
 * spans, never on durations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenarioSchema, type ScenarioInput } from '../../../shared/scenario.ts';
import { planLanes } from '../../../main/engine/lanes.ts';
import { connectionOfClientLane } from '../../../shared/trace.ts';
import { maxOverlap, ofPhase, runAndCollect, type Collected } from './run-and-collect.ts';

const load = { model: 'closed', concurrency: 10, end: { kind: 'requests', count: 20 } } as const;

function uvicorn(
  workers: number,
  steps: ScenarioInput['endpoints'][number]['steps'],
  executor = 'per-request',
): ScenarioInput {
  return {
    server: { model: 'async-workers', workers, executor: executor as 'per-request' },
    endpoints: [{ name: 'view', view: 'async', steps }],
    load,
    seed: 3,
  };
}

const processOf = (c: Collected, lane: number) => c.lanes.find((l) => l.id === lane)?.process;

test('lanes: each process its loop and its executors, named by process; per-request threads for its share of users', () => {
  const plan = planLanes(scenarioSchema.parse(uvicorn(2, [{ kind: 'offload', step: { kind: 'block', ms: 10 } }])));
  assert.equal(plan.processes.length, 2);
  assert.deepEqual(
    plan.processes.map((p) => [p.loop.name, p.loop.process, p.executors.length]),
    [
      ['worker 1 · event loop', 1, 5],
      ['worker 2 · event loop', 2, 5],
    ],
  );
  assert.equal(plan.processes[1].executors[0].name, 'worker 2 · executor 1');
  assert.deepEqual(
    plan.lanes.map((l) => l.id),
    plan.lanes.map((_, i) => i),
    'lane ids are dense',
  );
});

test('time.sleep in async def on 2 workers: each loop blocks one request at a time, the two loops at once', async () => {
  const c = await runAndCollect(uvicorn(2, [{ kind: 'block', ms: 50 }]));
  assert.equal(c.outcome.summary.errors, 0, c.outcome.error ?? '');
  const blocks = ofPhase(c, 'block');
  assert.equal(blocks.length, 20);
  const loops = c.lanes.filter((l) => l.kind === 'loop');
  assert.equal(loops.length, 2);
  for (const loop of loops) {
    const own = blocks.filter((b) => b.lane === loop.id);
    assert.equal(own.length, 10, `${loop.name}: five connections, two requests each`);
    assert.equal(maxOverlap(own), 1, `${loop.name}: one time.sleep at a time`);
  }
  assert.equal(maxOverlap(blocks), 2, 'the two processes block at the same time');
});

test('a connection stays with its process: every span of a request on connection i is in process i mod 2 + 1', async () => {
  const c = await runAndCollect(uvicorn(2, [{ kind: 'offload', step: { kind: 'block', ms: 5 } }]));
  assert.equal(c.outcome.summary.errors, 0, c.outcome.error ?? '');
  const connOf = new Map(c.requests.map((r) => [r.id, r.conn]));
  const serverSpans = c.spans.filter((s) => processOf(c, s.lane) !== undefined && processOf(c, s.lane)! > 0);
  assert.ok(serverSpans.length >= 20);
  for (const s of serverSpans) assert.equal(processOf(c, s.lane), (connOf.get(s.req)! % 2) + 1, `request ${s.req}`);
});

test("connectionProcesses puts each connection on the process it names (real uvicorn's placement, replayed)", async () => {
  // 10 users: connections 0–6 on process 0, 7–9 on process 1 (lanes' processes count from 1).
  const scenario = uvicorn(2, [{ kind: 'block', ms: 5 }]);
  const placed = { ...scenario, server: { ...scenario.server, connectionProcesses: [0, 0, 0, 0, 0, 0, 0, 1, 1, 1] } };
  const c = await runAndCollect(placed);
  assert.equal(c.outcome.summary.errors, 0, c.outcome.error ?? '');
  const laneOf = (id: number) => c.lanes.find((l) => l.id === id)!;
  const connOf = new Map(c.requests.map((r) => [r.id, connectionOfClientLane(laneOf(r.conn))]));
  const blocks = ofPhase(c, 'block');
  assert.equal(blocks.length, 20);
  for (const b of blocks) assert.equal(processOf(c, b.lane), connOf.get(b.req)! < 7 ? 1 : 2, `request ${b.req}`);
  for (const process of [1, 2])
    assert.ok(
      blocks.some((b) => processOf(c, b.lane) === process),
      `process ${process} served`,
    );
});

test("Nagle's algorithm is on, as uvicorn --workers leaves it: a response's body waits for the client's delayed ACK", async () => {
  const c = await runAndCollect(uvicorn(2, [{ kind: 'block', ms: 5 }]));
  assert.equal(c.outcome.summary.errors, 0, c.outcome.error ?? '');
  // Past each connection's first request, the body leaves only once the head is acknowledged,
  // which Linux's client delays by at least 40 ms (TCP_DELACK_MIN); with TCP_NODELAY it is ~0.1 ms.
  const seen = new Set<number>();
  const waits: number[] = [];
  for (const r of [...c.requests].sort((a, b) => a.sent - b.sent)) {
    if (seen.has(r.conn)) waits.push((r.received! - r.responded!) / 1000);
    seen.add(r.conn);
  }
  waits.sort((a, b) => a - b);
  const median = waits[Math.floor(waits.length / 2)];
  assert.ok(median >= 35, `median wait for the body ${median.toFixed(2)} ms over ${waits.length} requests`);
});

test('each process has its own interpreter lock: CPU work overlaps across processes, never inside one', async () => {
  const c = await runAndCollect(uvicorn(2, [{ kind: 'offload', step: { kind: 'cpu', ms: 20 } }], 'pool'));
  assert.equal(c.outcome.summary.errors, 0, c.outcome.error ?? '');
  const cpu = ofPhase(c, 'cpu');
  for (const process of [1, 2]) {
    const own = cpu.filter((s) => processOf(c, s.lane) === process);
    assert.ok(own.length > 0, `process ${process} computed`);
    assert.equal(maxOverlap(own), 1, `process ${process}: one thread computes at a time under its lock`);
  }
  assert.equal(maxOverlap(cpu), 2, 'two processes compute at once, each under its own lock');
});

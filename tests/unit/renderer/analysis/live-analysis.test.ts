import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisPort, ToAnalysisWorker } from '../../../../renderer/src/analysis/analysis-protocol.ts';
import { AnalysisState } from '../../../../renderer/src/analysis/analysis-state.ts';
import { LiveAnalysis } from '../../../../renderer/src/analysis/live-analysis.ts';
import { chartSeries } from '../../../../renderer/src/charts/chart-series.ts';
import { PanelClock } from '../../../../renderer/src/state/panel-clock.ts';
import { TraceStore } from '../../../../renderer/src/state/trace-store.ts';
import { computeSummary } from '../../../../shared/analysis/summary.ts';
import { REQUEST_STRIDE } from '../../../../shared/packed-requests.ts';
import type { RunInfo } from '../../../../shared/run.ts';
import { syntheticRun } from '../synthetic-run.ts';

/** The real worker state behind a port whose answers wait until the test delivers them. */
function heldPort() {
  const state = new AnalysisState();
  const sent: ToAnalysisWorker[] = [];
  const held: (() => void)[] = [];
  const port: AnalysisPort = {
    onmessage: null,
    onfailure: null,
    postMessage(msg) {
      sent.push(msg);
      const result = state.handle(msg);
      if (result) held.push(() => port.onmessage?.({ data: result }));
    },
    terminate() {},
  };
  return { port, sent, deliver: () => held.splice(0).forEach((f) => f()) };
}

const info = (id: number) => ({ id, name: `run ${id}`, status: 'running' }) as RunInfo;
const computes = (sent: ToAnalysisWorker[]) => sent.filter((m) => m.type === 'compute');

function setUp() {
  const store = new TraceStore();
  const clock = new PanelClock(store, 0, () => 0);
  const worker = heldPort();
  let now = 0;
  const analysis = new LiveAnalysis(
    store,
    clock,
    () => worker.port,
    500,
    () => now,
  );
  return { store, analysis, worker, advance: (ms: number) => (now += ms) };
}

test('the worker gets each record once and the panels get its numbers of all records so far', () => {
  const run = syntheticRun(600);
  const { store, analysis, worker } = setUp();
  store.beginLive(1, info(1), null);
  assert.deepEqual(analysis.summaryOf(1), null, 'nothing before the first answer');
  for (let i = 0; i < 600; i += 200) {
    store.ingest({ lanes: [], spans: [], requests: run.requests.slice(i, i + 200), loop: [] });
    worker.deliver();
  }
  store.ingest({ lanes: [], spans: [], requests: [], loop: run.loop });
  worker.deliver();
  const appended = worker.sent.flatMap((m) =>
    m.type === 'append' ? [m.records.requests.length / REQUEST_STRIDE] : [],
  );
  assert.equal(
    appended.reduce((a, b) => a + b, 0),
    600,
    'no request sent twice',
  );
  const records = { lanes: [], spans: [], requests: run.requests, loop: run.loop };
  assert.deepEqual(analysis.summaryOf(1), computeSummary(records));
  assert.equal(analysis.summaryOf(2), null, 'another run gets none of its numbers');
  analysis.dispose();
});

test('a tick while a computation is in flight sends its records but skips its question', () => {
  const run = syntheticRun(300);
  const { store, analysis, worker } = setUp();
  store.beginLive(1, info(1), null);
  worker.deliver();
  assert.equal(analysis.summaryOf(1)?.requests, 0, 'a run with no records yet has its (empty) numbers');
  store.ingest({ lanes: [], spans: [], requests: run.requests.slice(0, 100), loop: [] });
  store.ingest({ lanes: [], spans: [], requests: run.requests.slice(100, 200), loop: [] });
  store.ingest({ lanes: [], spans: [], requests: run.requests.slice(200), loop: [] });
  assert.equal(computes(worker.sent).length, 2, 'one question in flight, none queued');
  assert.equal(worker.sent.filter((m) => m.type === 'append').length, 3);
  worker.deliver();
  assert.equal(analysis.summaryOf(1)?.requests, 100, 'the answer to the question asked');
  store.setProgress({ done: 300, total: 300, elapsedMs: 1, plannedMs: null });
  worker.deliver();
  assert.equal(analysis.summaryOf(1)?.requests, 300, 'the next tick catches up');
  store.setProgress({ done: 300, total: 300, elapsedMs: 2, plannedMs: null });
  assert.equal(computes(worker.sent).length, 3, 'nothing new, nothing asked');
  analysis.dispose();
});

test('series are asked for at most once per series interval; the summary on every tick', () => {
  const run = syntheticRun(400);
  const { store, analysis, worker, advance } = setUp();
  store.beginLive(1, info(1), null);
  for (let i = 0; i < 4; i++) {
    store.ingest({ lanes: [], spans: [], requests: run.requests.slice(i * 100, i * 100 + 100), loop: [] });
    worker.deliver();
    advance(250);
  }
  const asked = computes(worker.sent) as Extract<ToAnalysisWorker, { type: 'compute' }>[];
  assert.deepEqual(
    asked.map((m) => [m.summary, m.series]),
    [
      [true, true],
      [true, false],
      [true, true],
      [true, false],
    ],
  );
  const upTo300 = { lanes: [], spans: [], requests: run.requests.slice(0, 300), loop: [] };
  assert.deepEqual(analysis.seriesOf(1), chartSeries(upTo300), 'series kept from their last computation');
  analysis.dispose();
});

test('a new run starts the worker over; a late answer about the old run is dropped', () => {
  const run = syntheticRun(100);
  const { store, analysis, worker } = setUp();
  store.beginLive(1, info(1), null);
  store.ingest({ lanes: [], spans: [], requests: run.requests, loop: [] });
  store.beginLive(2, info(2), null);
  worker.deliver();
  assert.equal(analysis.summaryOf(1), null);
  assert.equal(analysis.summaryOf(2)?.requests, 0, "not the old run's 100");
  store.ingest({ lanes: [], spans: [], requests: run.requests.slice(0, 10), loop: [] });
  worker.deliver();
  assert.equal(analysis.summaryOf(2)?.requests, 10);
  assert.ok(worker.sent.some((m) => m.type === 'reset' && m.runId === 2));
  analysis.dispose();
});

test('a still run is left to the main thread', () => {
  const run = syntheticRun(50);
  const { store, analysis, worker } = setUp();
  store.openDocument({
    info: { ...info(5), status: 'complete' },
    scenario: null as never,
    lanes: run.lanes,
    spans: run.spans,
    requests: run.requests,
    loop: run.loop,
  } as never);
  assert.equal(worker.sent.length, 0);
  analysis.dispose();
});

test('when the worker fails, a port on this thread takes over with every record of the run', () => {
  const run = syntheticRun(200);
  const store = new TraceStore();
  const clock = new PanelClock(store, 0, () => 0);
  const broken = heldPort();
  const fallback = heldPort();
  const opened: boolean[] = [];
  const analysis = new LiveAnalysis(
    store,
    clock,
    (inProcess) => (opened.push(inProcess), inProcess ? fallback : broken).port,
  );
  store.beginLive(1, info(1), null);
  store.ingest({ lanes: [], spans: [], requests: run.requests.slice(0, 150), loop: [] });
  broken.port.onfailure?.('failed to load');
  fallback.deliver();
  assert.deepEqual(opened, [false, true]);
  assert.equal(analysis.summaryOf(1)?.requests, 150);
  store.ingest({ lanes: [], spans: [], requests: run.requests.slice(150), loop: [] });
  fallback.deliver();
  assert.equal(analysis.summaryOf(1)?.requests, 200);
  analysis.dispose();
});

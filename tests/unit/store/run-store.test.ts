import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { RunStore } from '../../../main/store/run-store.ts';
import type { RunDocument } from '../../../shared/run.ts';
import { SPAN_STRIDE, type Lane, type RunSummary, type TraceBatch } from '../../../shared/trace.ts';
import { CLIENT_LANE, LOOP_LANE, makeBatch, tempStore, testScenario } from './store-fixtures.ts';

const SUMMARY: RunSummary = {
  requests: 30,
  errors: 3,
  errorRate: 0.1,
  makespanMs: 30.5,
  throughputRps: 983.607,
  p50Ms: 0.5,
  p95Ms: 0.5,
  p99Ms: 0.5,
  maxMs: 0.5,
  meanMs: 0.5,
  maxLoopBlockMs: 1.25,
  threadsUsed: 2,
  sendLagP99Ms: 0.001,
};

function openStore(t: { after: (fn: () => void) => void }) {
  const { file } = tempStore(t);
  const { store, notices } = RunStore.open(file);
  t.after(() => store.close());
  assert.deepEqual(notices, []);
  return { store, file };
}

/** The naive reference: concatenate every batch, then stable-sort spans by start. */
function expectedRecords(batches: TraceBatch[]) {
  const spans: number[][] = [];
  for (const b of batches)
    for (let i = 0; i < b.spans.length; i += SPAN_STRIDE) spans.push(b.spans.slice(i, i + SPAN_STRIDE));
  spans.sort((a, b) => a[3] - b[3]);
  return {
    spans: spans.flat(),
    requests: batches.flatMap((b) => b.requests).sort((a, b) => a.id - b.id),
    loop: batches.flatMap((b) => b.loop).sort((a, b) => a.t - b.t),
  };
}

test('appended batches load back exactly: lanes merged, spans by start, requests by id, loop by time', (t) => {
  const { store } = openStore(t);
  const scenario = testScenario();
  const run = store.createRun(scenario, '  first run  ');
  assert.equal(run.name, 'first run');
  assert.equal(run.status, 'running');
  assert.equal(run.scenarioName, scenario.name);
  assert.equal(run.recordedRequests, 0);
  assert.equal(run.summary, null);

  const renamedLoop: Lane = { ...LOOP_LANE, name: 'event loop (main)' };
  const executor: Lane = { id: 1, name: 'executor 1', kind: 'executor', process: 0 };
  // Out of order on purpose: later requests first, equal span starts, loop samples backwards.
  const batches = [makeBatch(20, 10, [LOOP_LANE, CLIENT_LANE]), makeBatch(0, 20, [executor, renamedLoop])];
  batches[1].spans.push(7, 1, 4, batches[0].spans[3], batches[0].spans[3] + 1); // same start as another span
  batches[1].spans.push(7, 1, 6, 0.1 + 0.2, 1 / 3); // doubles that print long
  batches[1].loop.push({ t: 0, delayMs: 0 });
  batches.push({ lanes: [], spans: [], requests: [], loop: [] });
  for (const b of batches) store.appendBatch(run.id, b);

  const doc = store.loadRun(run.id);
  assert.deepEqual(doc, {
    format: 'interleave-run',
    version: 1,
    info: { ...run, recordedRequests: 30 },
    scenario,
    lanes: [renamedLoop, CLIENT_LANE, executor],
    ...expectedRecords(batches),
  } satisfies RunDocument);
  assert.ok(doc.requests.some((r) => r.received === null && r.error !== null && r.accepted === null));
});

test('span times survive as the very same doubles', (t) => {
  const { store } = openStore(t);
  const run = store.createRun(testScenario(), 'doubles');
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const spans: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    words[0] = (i * 2_654_435_761) >>> 0;
    words[1] = 0x40e00000 + ((i * 40_503) % 0x100000); // finite, around 1e5 µs, every mantissa bit set somewhere
    spans.push(i, 0, 3, bits[0], bits[0] + Math.PI);
  }
  store.appendBatch(run.id, { lanes: [], spans, requests: [], loop: [] });
  assert.deepEqual(store.loadRun(run.id).spans, expectedRecords([{ lanes: [], spans, requests: [], loop: [] }]).spans);
});

test('finishRun stores the status, summary and error it is given', (t) => {
  const { store } = openStore(t);
  const ok = store.createRun(testScenario(), 'ok');
  store.appendBatch(ok.id, makeBatch(0, 30));
  const done = store.finishRun(ok.id, 'complete', SUMMARY);
  assert.deepEqual(done, { ...ok, status: 'complete', summary: SUMMARY, recordedRequests: 30 });

  const bad = store.createRun(testScenario(), 'bad');
  assert.deepEqual(store.finishRun(bad.id, 'failed', null, 'upstream refused'), {
    ...bad,
    status: 'failed',
    error: 'upstream refused',
  });
  assert.throws(() => store.appendBatch(ok.id, makeBatch(30, 1)), /run \d+ is complete; only a running run/);
  assert.throws(() => store.finishRun(999, 'complete', null), /no run with id 999/);
});

test('listRuns is newest first; getRun, renameRun and deleteRun name the missing run', (t) => {
  const { store, file } = openStore(t);
  const ids = ['a', 'b', 'c'].map((name) => store.createRun(testScenario(), name).id);
  assert.deepEqual(
    store.listRuns().map((r) => r.id),
    [...ids].reverse(),
  );
  assert.equal(store.renameRun(ids[0], '  renamed  ').name, 'renamed');
  assert.equal(store.getRun(ids[0]).name, 'renamed');
  assert.throws(() => store.renameRun(ids[0], '   '), /1\.\.120 characters/);
  assert.throws(() => store.renameRun(ids[0], 'x'.repeat(121)), /1\.\.120 characters/);
  assert.equal(store.renameRun(ids[0], 'x'.repeat(120)).name.length, 120);
  assert.throws(() => store.getRun(999), /no run with id 999/);
  assert.throws(() => store.renameRun(999, 'x'), /no run with id 999/);
  assert.throws(() => store.deleteRun(999), /no run with id 999/);

  store.appendBatch(ids[1], makeBatch(0, 40, [LOOP_LANE]));
  store.appendBatch(ids[2], makeBatch(0, 5));
  store.deleteRun(ids[1]);
  assert.deepEqual(
    store.listRuns().map((r) => r.id),
    [ids[2], ids[0]],
  );
  assert.throws(() => store.loadRun(ids[1]), new RegExp(`no run with id ${ids[1]}`));
  const raw = new Database(file, { readonly: true });
  const rowsOf = (table: string, id: number) =>
    (raw.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE run_id = ?`).get(id) as { n: number }).n;
  for (const table of ['spans', 'requests', 'loop_samples']) assert.equal(rowsOf(table, ids[1]), 0, table);
  assert.equal(rowsOf('spans', ids[2]), 25, 'the other run keeps its rows');
  raw.close();
});

test('importRun stores a document as a new run with its name, status, summary and time', (t) => {
  const { store } = openStore(t);
  const run = store.createRun(testScenario(), 'exported');
  store.appendBatch(run.id, makeBatch(0, 12, [LOOP_LANE, CLIENT_LANE]));
  store.finishRun(run.id, 'stopped', SUMMARY);
  const doc = store.loadRun(run.id);
  const old: RunDocument = { ...doc, info: { ...doc.info, createdAt: '2024-03-01T10:00:00.000Z' } };

  const imported = store.importRun(old);
  assert.notEqual(imported.id, run.id);
  assert.deepEqual(store.loadRun(imported.id), { ...old, info: { ...old.info, id: imported.id } });
  assert.equal(store.listRuns().at(-1)!.id, imported.id, 'sorted by its own creation time');

  const live = store.importRun({ ...doc, info: { ...doc.info, status: 'running' } });
  assert.equal(live.status, 'interrupted', 'nothing here is running it');
});

test('a batch with a broken span array is refused before anything is written', (t) => {
  const { store } = openStore(t);
  const run = store.createRun(testScenario(), 'x');
  const batch = makeBatch(0, 3);
  batch.spans.push(1, 2);
  assert.throws(() => store.appendBatch(run.id, batch), /not a multiple of 5/);
  assert.equal(store.loadRun(run.id).requests.length, 0);
  assert.throws(() => store.createRun(testScenario(), ''), /1\.\.120 characters/);
});

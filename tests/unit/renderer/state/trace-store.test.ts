import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeSummary } from '../../../../shared/analysis/summary.ts';
import { findPreset } from '../../../../shared/presets.ts';
import type { RunDocument, RunInfo } from '../../../../shared/run.ts';
import { withDefaults } from '../../../../renderer/src/scenario/knobs.ts';
import { TraceStore } from '../../../../renderer/src/state/trace-store.ts';
import { SPAN_STRIDE } from '../../../../shared/trace.ts';
import { syntheticRun } from '../synthetic-run.ts';

const info = (id: number, status: RunInfo['status'] = 'running'): RunInfo => ({
  id,
  name: `run ${id}`,
  status,
  createdAt: '2026-01-01T00:00:00.000Z',
  scenarioName: 'x',
  summary: null,
  recordedRequests: 0,
  error: null,
  cores: 2,
});
const scenario = withDefaults(findPreset('sync-workers')!.scenario);

/** Feed a run to the store in batches of `size` requests, as a live run would arrive. */
function stream(store: TraceStore, run: ReturnType<typeof syntheticRun>, size: number): void {
  const per = 5 * SPAN_STRIDE;
  for (let i = 0; i < run.requests.length; i += size) {
    store.ingest({
      lanes: i === 0 ? run.lanes : [],
      spans: run.spans.slice(i * per, (i + size) * per),
      requests: run.requests.slice(i, i + size),
      loop: run.loop.filter(
        (l) => l.t >= (run.requests[i].sent ?? 0) && l.t < (run.requests[i + size]?.sent ?? Infinity),
      ),
    });
  }
}

test('a streamed run and the same run reopened show the same numbers', () => {
  const run = syntheticRun(2_000);
  const live = new TraceStore();
  live.beginLive(1, info(1), scenario);
  stream(live, run, 97);
  const doc: RunDocument = { format: 'interleave-run', version: 1, info: info(1, 'complete'), scenario, ...run };
  live.finish(doc.info, computeSummary(doc));
  const reopened = new TraceStore();
  reopened.openDocument(doc);
  assert.deepEqual(reopened.snapshot().summary, live.snapshot().summary);
  assert.equal(reopened.snapshot().spanCount, live.snapshot().spanCount);
  assert.equal(reopened.requestRows.rowCount, 2_000);
  assert.deepEqual(live.extentMicros(), reopened.extentMicros());
});

test('the snapshot keeps its identity until something changes, and live numbers follow the data', () => {
  const store = new TraceStore();
  store.beginLive(7, info(7), scenario);
  const a = store.snapshot();
  assert.equal(store.snapshot(), a);
  const run = syntheticRun(100);
  stream(store, run, 100);
  const b = store.snapshot();
  assert.notEqual(b, a);
  assert.equal(b.summary.requests, 100);
  assert.equal(b.live, true);
  // Panels hold their own copy: later appends do not reach an array they already compared.
  const before = b.requests.length;
  store.ingest({ lanes: [], spans: [], requests: [{ ...run.requests[0], id: 1000 }], loop: [] });
  assert.equal(b.requests.length, before);
});

test('spans that hold a thread are indexed per lane; every span per request', () => {
  const store = new TraceStore();
  store.beginLive(1, info(1), scenario);
  stream(store, syntheticRun(40, 2, 4), 10);
  const heldOnLane0 = store.laneRows.spansOf(0).length + store.laneRows.spansOf(1).length;
  // running, block and cpu hold the worker; queued and client do not.
  assert.equal(heldOnLane0, 40 * 3);
  assert.equal(store.requestRows.rowCount, 40);
});

test('20,000 requests fit in well under 300 bytes a span', () => {
  const store = new TraceStore();
  store.beginLive(1, info(1), scenario);
  const run = syntheticRun(20_000);
  stream(store, run, 250);
  const spans = run.spans.length / SPAN_STRIDE;
  const perSpan = store.retainedSpanBytes / spans;
  assert.ok(perSpan <= 300, `${perSpan.toFixed(0)} bytes a span`);
});

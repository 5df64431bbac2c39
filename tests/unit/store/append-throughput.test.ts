/**
 * Writes a large run the way a live run does (a batch per flush) and prints how fast rows went
 * in. The figure is printed, not asserted: timing goals do not belong in unit tests. What is
 * asserted is that every row landed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunStore } from '../../../main/store/run-store.ts';
import { CLIENT_LANE, LOOP_LANE, makeBatch, tempStore, testScenario } from './store-fixtures.ts';

const REQUESTS = 100_000;
const PER_BATCH = 1_000; // a 50 ms flush at 20,000 requests/s

test('appendBatch takes 100,000 requests with 5 spans each and all of them load back', (t) => {
  const { file } = tempStore(t);
  const { store } = RunStore.open(file);
  t.after(() => store.close());
  const run = store.createRun(testScenario(), 'throughput');
  const batches = Array.from({ length: REQUESTS / PER_BATCH }, (_, i) =>
    makeBatch(i * PER_BATCH, PER_BATCH, i === 0 ? [LOOP_LANE, CLIENT_LANE] : []),
  );
  const rows = batches.reduce((n, b) => n + b.spans.length / 5 + b.requests.length + b.loop.length, 0);

  const started = performance.now();
  for (const batch of batches) store.appendBatch(run.id, batch);
  const appendMs = performance.now() - started;

  const loadStarted = performance.now();
  const doc = store.loadRun(run.id);
  const loadMs = performance.now() - loadStarted;
  t.diagnostic(
    `appendBatch: ${rows.toLocaleString('en')} rows in ${appendMs.toFixed(0)} ms = ` +
      `${Math.round(rows / (appendMs / 1000)).toLocaleString('en')} rows/s; loadRun: ${loadMs.toFixed(0)} ms`,
  );

  assert.equal(doc.info.recordedRequests, REQUESTS);
  assert.equal(doc.requests.length, REQUESTS);
  assert.equal(doc.spans.length, REQUESTS * 5 * 5);
  assert.equal(doc.loop.length, batches.length);
  assert.equal(doc.requests[REQUESTS - 1].id, REQUESTS - 1);
});

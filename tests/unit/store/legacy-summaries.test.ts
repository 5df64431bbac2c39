/**
 * Summaries stored before the error rate (schema version 2 and earlier) counted failed responses
 * in throughputRps. Migration 3 recomputes that and the error rate from the stored requests,
 * with the arithmetic computeSummary uses, so an old run lists the numbers it reopens with.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { computeSummary } from '../../../shared/analysis/summary.ts';
import { RunStore } from '../../../main/store/run-store.ts';
import { LOOP_LANE, makeBatch, tempStore, testScenario } from './store-fixtures.ts';

test('migration 3 gives old summaries successful throughput and the error rate, exactly as computed now', (t) => {
  const { file } = tempStore(t);
  // Write two runs as version 2 did: through today's store, then made old by hand.
  const { store } = RunStore.open(file);
  const batch = makeBatch(0, 30, [LOOP_LANE]); // every tenth request got no response: 3 of 30
  const withErrors = store.createRun(testScenario(), 'with errors');
  store.appendBatch(withErrors.id, batch);
  const empty = store.createRun(testScenario(), 'no requests');
  store.close();
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  const current = computeSummary(batch);
  const { errorRate: _rate, ...legacy } = { ...current, throughputRps: 999.999 };
  const { errorRate: _none, ...legacyEmpty } = computeSummary({ lanes: [], spans: [], requests: [], loop: [] });
  const finish = db.prepare("UPDATE runs SET status = 'complete', summary_json = ? WHERE id = ?");
  finish.run(JSON.stringify(legacy), withErrors.id);
  finish.run(JSON.stringify(legacyEmpty), empty.id);
  db.prepare('DELETE FROM migrations WHERE version >= 3').run();
  db.exec('DROP TABLE sweeps'); // added by migration 4, which the reopen runs again
  db.close();

  const reopened = RunStore.open(file).store;
  t.after(() => reopened.close());
  const upgraded = reopened.getRun(withErrors.id).summary!;
  assert.equal(upgraded.errorRate, 0.1, '3 failed of 30');
  assert.equal(upgraded.throughputRps, current.throughputRps);
  assert.deepEqual(upgraded, current, 'the rest as it was stored');
  assert.deepEqual(upgraded, computeSummary(reopened.loadRun(withErrors.id)), 'reopens with the numbers it lists');
  assert.deepEqual(reopened.getRun(empty.id).summary, { ...legacyEmpty, errorRate: 0 });
});

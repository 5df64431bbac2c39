/**
 * The client's phases and the Server-Timing metrics in the store: written with their request,
 * read back exactly (absent stays absent), and a store from before migration 4 still opens with
 * its requests as they were, then takes new ones with phases.
 */
import { LATEST_VERSION } from '../../../main/store/migrations.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { RunStore } from '../../../main/store/run-store.ts';
import { requestWithPhases } from '../shared/request-phases-fixture.ts';
import { asVersion3, CLIENT_LANE, LOOP_LANE, makeBatch, tempStore, testScenario } from './store-fixtures.ts';

const withPhases = (id: number) => requestWithPhases(id, CLIENT_LANE.id);

test('phases and Server-Timing metrics load back exactly, absent ones absent', (t) => {
  const { file } = tempStore(t);
  const { store } = RunStore.open(file);
  t.after(() => store.close());
  const run = store.createRun(testScenario(), 'phases');
  const requests = Array.from({ length: 7 }, (_, i) => withPhases(i));
  store.appendBatch(run.id, { lanes: [LOOP_LANE, CLIENT_LANE], spans: [], requests, loop: [] });
  const back = store.loadRun(run.id).requests;
  assert.deepStrictEqual(back, requests);
  assert.equal('connectStart' in back[1], false, 'a reused connection has no connecting');
  assert.equal('serverTiming' in back[1], false);
});

test('a store from before the phases opens, keeps its requests as they were, and takes new ones', (t) => {
  const { file } = tempStore(t);
  const old = makeBatch(0, 20, [LOOP_LANE, CLIENT_LANE]);
  let runId: number;
  {
    const { store } = RunStore.open(file);
    runId = store.createRun(testScenario(), 'old').id;
    store.appendBatch(runId, old);
    store.close();
    const db = new Database(file);
    asVersion3(db);
    db.close();
  }
  const { store } = RunStore.open(file);
  t.after(() => store.close());
  const version = new Database(file, { readonly: true });
  t.after(() => version.close());
  assert.equal(version.prepare('SELECT MAX(version) FROM migrations').pluck().get(), LATEST_VERSION);
  assert.deepStrictEqual(store.loadRun(runId).requests, old.requests);
  const fresh = [withPhases(20), withPhases(21)];
  const next = store.createRun(testScenario(), 'new').id;
  store.appendBatch(next, { lanes: [LOOP_LANE, CLIENT_LANE], spans: [], requests: fresh, loop: [] });
  assert.deepStrictEqual(store.loadRun(next).requests, fresh);
  assert.deepStrictEqual(store.loadRun(runId).requests, old.requests);
});

/**
 * The CPU cores a run was made on are stored with it (migration 2), so its theoretical bound is
 * the one of the machine that ran it; runs stored before that still open, with no cores.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS } from '../../../main/store/migrations.ts';
import { RunStore } from '../../../main/store/run-store.ts';
import { tempStore, testScenario } from './store-fixtures.ts';

test('a run keeps the cores it was made on, through load, export as a document, and import', (t) => {
  const { file } = tempStore(t);
  const { store } = RunStore.open(file);
  t.after(() => store.close());
  const made = store.createRun(testScenario(), 'on eight cores', 8);
  assert.equal(made.cores, 8);
  assert.equal(store.finishRun(made.id, 'complete', null).cores, 8);
  const doc = store.loadRun(made.id);
  assert.equal(doc.info.cores, 8);
  assert.equal(store.importRun(doc).cores, 8, 'an imported run keeps the cores it recorded');
  assert.equal(store.createRun(testScenario(), 'not said').cores, null);
});

test('a store from before (schema version 1) migrates; its runs open with no cores', (t) => {
  const { file } = tempStore(t);
  mkdirSync(dirname(file), { recursive: true });
  const old = new Database(file);
  migrate(old, file, MIGRATIONS.slice(0, 1));
  old
    .prepare(
      `INSERT INTO runs (name, status, created_at, scenario_json, recorded_requests)
       VALUES ('old run', 'complete', '2026-01-01T00:00:00.000Z', ?, 0)`,
    )
    .run(JSON.stringify(testScenario()));
  old.close();

  const { store } = RunStore.open(file);
  t.after(() => store.close());
  const [run] = store.listRuns();
  assert.equal(run.name, 'old run');
  assert.equal(run.cores, null);
  assert.equal(store.loadRun(run.id).info.cores, null);
});

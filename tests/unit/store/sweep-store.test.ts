/**
 * Sweeps in the run store (migration 5): stored whole, rewritten step by step, listed newest
 * first, marked interrupted when their process is gone; and a store from before sweeps existed
 * opens, keeps its runs, and takes sweeps.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { analyseSweep } from '../../../shared/analysis/sweep-analysis.ts';
import type { SweepResult } from '../../../shared/sweep.ts';
import { migrate, MIGRATIONS } from '../../../main/store/migrations.ts';
import { RunStore } from '../../../main/store/run-store.ts';
import { tempStore, testScenario } from './store-fixtures.ts';

function newSweep(): Omit<SweepResult, 'id'> {
  return {
    name: 'sweep · test',
    status: 'running',
    createdAt: new Date().toISOString(),
    error: null,
    request: { scenario: testScenario(), from: 1, to: 4, requestsPerStep: null, stepSeconds: 30 },
    users: [1, 2, 4],
    steps: [],
    analysis: analyseSweep([]),
  };
}

test('a sweep is stored whole, rewritten after a step, and listed with its verdict', (t) => {
  const { file } = tempStore(t);
  const { store } = RunStore.open(file);
  t.after(() => store.close());
  const sweep = store.sweeps.create(newSweep());
  assert.equal(sweep.id, 1);
  assert.deepEqual(store.sweeps.get(1), { ...newSweep(), createdAt: sweep.createdAt, id: 1 });
  const step = { users: 1, completed: 20, errors: 0, throughputRps: 10, meanMs: 100, p50Ms: 100, p95Ms: 100 };
  const after = { ...sweep, steps: [{ ...step, runId: 7, status: 'complete' as const, planned: 20, capped: false }] };
  after.analysis = analyseSweep(after.steps);
  after.status = 'complete';
  store.sweeps.save(after);
  assert.deepEqual(store.sweeps.get(1), after);
  const second = store.sweeps.create(newSweep());
  assert.deepEqual(
    store.sweeps.list().map((s) => [s.id, s.status, s.steps, s.planned]),
    [
      [second.id, 'running', 0, 3],
      [1, 'complete', 1, 3],
    ],
  );
  assert.match(store.sweeps.list()[1].verdict, /needs steps at 3 or more numbers of users/);
  assert.throws(() => store.sweeps.get(99), /no sweep with id 99/);
  assert.throws(() => store.sweeps.save({ ...after, id: 99 }), /no sweep with id 99/);
});

test('a sweep left running by a process that is gone is interrupted at the next open, its steps kept', (t) => {
  const { file } = tempStore(t);
  const first = RunStore.open(file).store;
  const sweep = first.sweeps.create(newSweep());
  // This process "dies" without closing the store: the next open is a new start.
  const { store, notices } = RunStore.open(file);
  t.after(() => {
    store.close();
    first.close();
  });
  assert.equal(store.sweeps.get(sweep.id).status, 'interrupted');
  assert.ok(notices.some((n) => /Sweep #1 stopped without finishing/.test(n)));
});

test('a store from before sweeps (schema version 3) migrates: its runs stay, sweeps can be stored', (t) => {
  const { file } = tempStore(t);
  mkdirSync(dirname(file), { recursive: true });
  const old = new Database(file);
  migrate(old, file, MIGRATIONS.slice(0, 3));
  old
    .prepare(
      `INSERT INTO runs (name, status, created_at, scenario_json, recorded_requests)
       VALUES ('old run', 'complete', '2026-01-01T00:00:00.000Z', ?, 0)`,
    )
    .run(JSON.stringify(testScenario()));
  old.close();
  const { store } = RunStore.open(file);
  t.after(() => store.close());
  assert.deepEqual(
    store.listRuns().map((r) => r.name),
    ['old run'],
  );
  assert.deepEqual(store.sweeps.list(), []);
  assert.equal(store.sweeps.create(newSweep()).id, 1);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RunStore } from '../../../main/store/run-store.ts';
import { LOOP_LANE, makeBatch, tempStore, testScenario } from './store-fixtures.ts';

/** Opens a store over a damaged file and checks that file was moved aside intact. */
function assertMovedAsideAndFresh(file: string, expected: Map<string, Buffer>) {
  const { store, notices } = RunStore.open(file);
  try {
    const aside = readdirSync(dirname(file)).filter((f) => /^runs\.db\.damaged-[^-]/.test(f) && !/-(wal|shm)$/.test(f));
    assert.equal(aside.length, 1, `one damaged file beside the store: ${aside.join(', ')}`);
    const asidePath = join(dirname(file), aside[0]);
    assert.match(aside[0], /^runs\.db\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
    for (const [suffix, bytes] of expected) {
      assert.ok(existsSync(asidePath + suffix), `${aside[0]}${suffix} exists`);
      assert.ok(readFileSync(asidePath + suffix).equals(bytes), `${aside[0]}${suffix} is byte for byte the old file`);
    }
    assert.equal(notices.length, 1);
    assert.ok(notices[0].includes(asidePath), `the notice names ${asidePath}: ${notices[0]}`);
    assert.match(notices[0], /nothing was deleted/);

    assert.deepEqual(store.listRuns(), []);
    const run = store.createRun(testScenario(), 'after the rescue');
    store.appendBatch(run.id, makeBatch(0, 3));
    assert.equal(store.getRun(run.id).recordedRequests, 3);
  } finally {
    store.close();
  }
}

test('a file that is not a database is moved aside with its -wal, and a fresh store opens', (t) => {
  const { file } = tempStore(t);
  RunStore.open(file).store.close(); // creates the folder
  const main = randomBytes(12_288);
  const wal = randomBytes(4_096);
  writeFileSync(file, main);
  writeFileSync(`${file}-wal`, wal);
  assertMovedAsideAndFresh(
    file,
    new Map([
      ['', main],
      ['-wal', wal],
    ]),
  );
});

test('a truncated store is moved aside untouched, and a fresh store opens', (t) => {
  const { file } = tempStore(t);
  const { store } = RunStore.open(file);
  const run = store.createRun(testScenario(), 'will be truncated');
  for (let i = 0; i < 10; i++) store.appendBatch(run.id, makeBatch(i * 100, 100, i === 0 ? [LOOP_LANE] : []));
  store.close();
  const size = readFileSync(file).length;
  assert.ok(size > 100_000, `the store has ${size} bytes`);
  truncateSync(file, Math.floor(size / 2));
  assertMovedAsideAndFresh(file, new Map([['', readFileSync(file)]]));
});

test('a healthy store is opened in place, and an empty file is a healthy new store', (t) => {
  const { file } = tempStore(t);
  const first = RunStore.open(file).store;
  first.finishRun(first.createRun(testScenario(), 'kept').id, 'complete', null);
  first.close();
  const { store, notices } = RunStore.open(file);
  assert.deepEqual(
    store.listRuns().map((r) => [r.name, r.status]),
    [['kept', 'complete']],
  );
  store.close();
  assert.deepEqual(notices, []);

  writeFileSync(file, '');
  const fresh = RunStore.open(file);
  fresh.store.close();
  assert.deepEqual(fresh.notices, []);
  assert.deepEqual(
    readdirSync(dirname(file)).filter((f) => f.includes('damaged')),
    [],
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_VERSION, migrate, StoreTooNewError, type Migration } from '../../../main/store/migrations.ts';
import { RunStore } from '../../../main/store/run-store.ts';
import { tempStore } from './store-fixtures.ts';

function recorded(file: string): { version: number; applied_at: string }[] {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT version, applied_at FROM migrations ORDER BY version').all();
  db.close();
  return rows as { version: number; applied_at: string }[];
}

test('a new store records each migration once, and reopening applies none again', (t) => {
  const { file } = tempStore(t);
  RunStore.open(file).store.close();
  const first = recorded(file);
  assert.deepEqual(
    first.map((r) => r.version),
    Array.from({ length: LATEST_VERSION }, (_, i) => i + 1),
  );
  for (const r of first) assert.ok(!Number.isNaN(Date.parse(r.applied_at)), `applied_at ${r.applied_at}`);
  RunStore.open(file).store.close();
  assert.deepEqual(recorded(file), first);
});

test('pending migrations run in order, and a failing one leaves the store as it was', (t) => {
  const { dir } = tempStore(t);
  const db = new Database(`${dir}/m.db`);
  t.after(() => db.close());
  const one: Migration = { version: 1, description: 'a', sql: 'CREATE TABLE a (x)' };
  const two: Migration = { version: 2, description: 'b', sql: 'CREATE TABLE b (y); INSERT INTO a VALUES (1)' };
  assert.deepEqual(migrate(db, 'm.db', [one]), [1]);
  assert.deepEqual(migrate(db, 'm.db', [one, two]), [2]);
  assert.deepEqual(migrate(db, 'm.db', [one, two]), []);

  const broken: Migration = { version: 3, description: 'c', sql: 'CREATE TABLE c (z); THIS IS NOT SQL' };
  assert.throws(() => migrate(db, 'm.db', [one, two, broken]), /syntax error/);
  assert.equal(db.prepare('SELECT MAX(version) FROM migrations').pluck().get(), 2);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'c'").all();
  assert.deepEqual(tables, [], 'the half-applied migration was rolled back');
});

test('a store from a newer version is refused with a clear message and left in place', (t) => {
  const { file } = tempStore(t);
  RunStore.open(file).store.close();
  const db = new Database(file);
  db.prepare('INSERT INTO migrations VALUES (?, ?)').run(LATEST_VERSION + 5, new Date().toISOString());
  db.close();

  assert.throws(
    () => RunStore.open(file),
    (error: unknown) => {
      assert.ok(error instanceof StoreTooNewError);
      assert.match(error.message, /newer version of Interleave/);
      assert.match(error.message, new RegExp(`schema version ${LATEST_VERSION + 5}`));
      assert.match(error.message, new RegExp(`knows up to ${LATEST_VERSION}`));
      return true;
    },
  );
  assert.ok(existsSync(file));
  assert.deepEqual(
    readdirSync(dirname(file)).filter((f) => f.includes('damaged')),
    [],
  );
  assert.equal(recorded(file).at(-1)!.version, LATEST_VERSION + 5);
});

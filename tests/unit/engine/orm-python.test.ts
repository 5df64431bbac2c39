/**
 * The ORM's Python after each query (ORM_PYTHON_MS): computation under the interpreter lock on
 * the thread that ran the query. With the lock, no two threads compute at once, so ten
 * requests' ORM work takes turns; without it, nothing waits for the lock. Ordering only: no
 * duration is asserted (a loaded machine stretches them all).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { maxOverlap, ofPhase, runAndCollect } from './run-and-collect.ts';

/** Ten users, each request offloading one product-list query (no round trip) to its own thread. */
const listOnThreads = (gil: boolean): ScenarioInput => ({
  server: { model: 'async', executor: 'per-request', gil },
  endpoints: [
    { name: 'list', view: 'async', steps: [{ kind: 'offload', step: { kind: 'db', query: 'product-list', ms: 0 } }] },
  ],
  load: { model: 'closed', concurrency: 10, end: { kind: 'requests', count: 30 } },
});

test("each query's ORM Python runs after it, on its thread; under the lock never two at once", async () => {
  const c = await runAndCollect(listOnThreads(true));
  assert.equal(c.outcome.summary.errors, 0, c.outcome.error ?? '');
  const dbs = ofPhase(c, 'db');
  const cpu = ofPhase(c, 'cpu');
  assert.equal(dbs.length, 30, 'one query a request');
  for (const db of dbs) {
    const mine = cpu.filter((s) => s.req === db.req);
    assert.ok(mine.length >= 1, `request ${db.req} built its rows`);
    for (const s of mine) {
      assert.equal(s.lane, db.lane, `request ${db.req}: on the thread that queried`);
      assert.ok(s.start >= db.end, `request ${db.req}: after its query`);
    }
  }
  // The lock is handed over between threads: spans may touch, by at most the threads' clock skew.
  const slack = Math.ceil(c.outcome.clockSkewMs * 1000) + 1;
  const shrunk = cpu.map((s) => ({ start: s.start + slack, end: Math.max(s.start + slack, s.end - slack) }));
  assert.equal(maxOverlap(shrunk), 1, 'one thread computes at a time');
});

test('without the lock the ORM Python still runs, and never waits for a lock', async () => {
  const c = await runAndCollect(listOnThreads(false));
  assert.equal(c.outcome.summary.errors, 0, c.outcome.error ?? '');
  assert.equal(new Set(ofPhase(c, 'cpu').map((s) => s.req)).size, 30, 'every request built its rows');
  assert.equal(ofPhase(c, 'gil').length, 0);
});

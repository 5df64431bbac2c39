/**
 * A failed view answers with the status Django would give, and the reason as its body: 500 for
 * an exception raised in the view (here a real database error), wherever the view ran; 502 or
 * 504 only when it is the upstream that failed.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seedShop } from '../../../main/engine/db/shop.ts';
import { failureOf, StepError, upstreamError } from '../../../main/engine/steps/step-error.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { runAndCollect } from './run-and-collect.ts';

/** A seeded shop whose orders table refuses every insert, as a database can (a trigger raising). */
function closedShop(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-closed-shop-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'shop.db');
  seedShop(file);
  const db = new Database(file);
  db.exec("CREATE TRIGGER closed BEFORE INSERT ON orders BEGIN SELECT RAISE(ABORT, 'the shop is closed'); END");
  db.close();
  return file;
}

const order = { kind: 'db', query: 'order-insert', ms: 1 } as const;
const REASON = 'db order-insert failed: the shop is closed';
const load = { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 8 } } as const;

test('a database error in the view is a 500 with its reason: inline, offloaded, a def view on the executor', async (t) => {
  const scenario: ScenarioInput = {
    // DJANGO_ALLOW_ASYNC_UNSAFE, so the inline query runs (and fails) instead of SynchronousOnlyOperation.
    server: { model: 'async', executor: 'per-request', allowAsyncUnsafe: true },
    endpoints: [
      { name: 'inline', view: 'async', steps: [order] },
      { name: 'offloaded', view: 'async', steps: [{ kind: 'offload', step: order }] },
      { name: 'sync', view: 'sync', steps: [order] },
      { name: 'fine', view: 'async', steps: [{ kind: 'db', query: 'product-get' }] },
    ],
    load,
  };
  const c = await runAndCollect(scenario, undefined, { shopDbFile: closedShop(t) });
  assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
  const seen = new Set<number>();
  for (const r of c.requests) {
    seen.add(r.endpoint);
    const expected = r.endpoint === 3 ? [200, null] : [500, REASON];
    assert.deepEqual([r.status, r.error], expected, `request ${r.id} (endpoint ${r.endpoint})`);
  }
  assert.equal(seen.size, 4, 'every endpoint was called');
});

test('a database error under sync workers is a 500 too', async (t) => {
  const c = await runAndCollect(
    {
      server: { model: 'sync-workers', workers: 2 },
      endpoints: [{ name: 'order', view: 'sync', steps: [order] }],
      load,
    },
    undefined,
    { shopDbFile: closedShop(t) },
  );
  assert.equal(c.requests.length, 8);
  for (const r of c.requests) assert.deepEqual([r.status, r.error], [500, REASON], `request ${r.id}`);
});

test('statuses by cause: exceptions 500, upstream timeouts 504, other upstream failures 502', () => {
  assert.deepEqual(failureOf(new TypeError('x is undefined')), { status: 500, message: 'x is undefined' });
  assert.deepEqual(failureOf(new StepError('db product-get failed: disk I/O error')), {
    status: 500,
    message: 'db product-get failed: disk I/O error',
  });
  const timedOut = upstreamError({ status: 0, error: 'timed out after 200 ms', timedOut: true });
  assert.deepEqual(failureOf(timedOut), { status: 504, message: 'upstream: timed out after 200 ms' });
  const refused = upstreamError({ status: 0, error: 'connection refused', timedOut: false });
  assert.deepEqual(failureOf(refused), { status: 502, message: 'upstream: connection refused' });
  const answered = upstreamError({ status: 503, error: null, timedOut: false });
  assert.deepEqual(failureOf(answered), { status: 502, message: 'upstream answered 503' });
  assert.equal(upstreamError({ status: 200, error: null, timedOut: false }), null);
});

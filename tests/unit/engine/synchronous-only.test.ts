/**
 * The sync ORM called straight from an `async def` view: Django raises SynchronousOnlyOperation
 * before any query, so the request is a 500 at once, no query runs, and the steps after it never
 * run. Under WSGI too (async_to_sync runs the view in an event loop). DJANGO_ALLOW_ASYNC_UNSAFE
 * turns the check off and the query holds the loop instead; the async ORM (an offload) is the fix.
 * Asserted by what was recorded (statuses, reasons, which phases exist), never by durations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScenarioInput, Step } from '../../../shared/scenario.ts';
import { SYNCHRONOUS_ONLY_ERROR } from '../../../shared/synchronous-only.ts';
import { runAndCollect, type Collected } from './run-and-collect.ts';

const db = { kind: 'db', query: 'product-get', ms: 20 } as const;
const afterwards = { kind: 'await', ms: 5 } as const;

function scenario(steps: Step[], server: ScenarioInput['server'] = { model: 'async' }): ScenarioInput {
  return {
    server,
    endpoints: [{ name: 'orm', view: 'async', steps }],
    load: { model: 'closed', concurrency: 3, end: { kind: 'requests', count: 6 } },
  };
}

const phasesOf = (c: Collected) => new Set(c.spans.map((s) => s.phase));

function assertAllRefused(c: Collected): void {
  assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
  assert.equal(c.requests.length, 6);
  for (const r of c.requests) {
    assert.equal(r.status, 500, `request ${r.id}`);
    assert.equal(r.error, SYNCHRONOUS_ONLY_ERROR, `request ${r.id}`);
  }
  const phases = phasesOf(c);
  assert.ok(!phases.has('db'), 'no query ran');
  assert.ok(!phases.has('await'), 'the step after the ORM call never ran');
}

test('async server: the sync ORM in async def is SynchronousOnlyOperation, a 500, before any query', async () => {
  assertAllRefused(await runAndCollect(scenario([db, afterwards])));
});

test('sync workers: an async view (async_to_sync) calling the sync ORM raises the same', async () => {
  assertAllRefused(await runAndCollect(scenario([db, afterwards], { model: 'sync-workers', workers: 2 })));
});

test('a gather with a sync ORM call among its children fails the request the same way', async () => {
  const c = await runAndCollect(scenario([{ kind: 'gather', steps: [{ kind: 'await', ms: 5 }, db] }]));
  for (const r of c.requests) assert.equal(r.error, SYNCHRONOUS_ONLY_ERROR, `request ${r.id}`);
  assert.ok(!phasesOf(c).has('db'), 'no query ran');
});

test('DJANGO_ALLOW_ASYNC_UNSAFE: the query runs on the event loop, every request a 200', async () => {
  const c = await runAndCollect(scenario([db, afterwards], { model: 'async', allowAsyncUnsafe: true }));
  assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
  for (const r of c.requests) assert.equal(r.status, 200, `request ${r.id}: ${r.error}`);
  const loopLanes = new Set(c.lanes.filter((l) => l.kind === 'loop').map((l) => l.id));
  const dbSpans = c.spans.filter((s) => s.phase === 'db');
  assert.equal(dbSpans.length, 6, 'one query per request');
  for (const s of dbSpans) assert.ok(loopLanes.has(s.lane), `request ${s.req}'s query ran on the loop`);
  assert.ok(phasesOf(c).has('await'));
});

test('the fix, the async ORM (an offload): every request a 200, the query on an executor thread', async () => {
  const c = await runAndCollect(scenario([{ kind: 'offload', step: db }, afterwards]));
  for (const r of c.requests) assert.equal(r.status, 200, `request ${r.id}: ${r.error}`);
  const executorLanes = new Set(c.lanes.filter((l) => l.kind === 'executor').map((l) => l.id));
  const dbSpans = c.spans.filter((s) => s.phase === 'db');
  assert.equal(dbSpans.length, 6);
  for (const s of dbSpans) assert.ok(executorLanes.has(s.lane), `request ${s.req}'s query ran on an executor thread`);
});

/**
 * Real Django 5.2 opening its connections: the generated project's backend (SQLite behind a
 * connect time and a slot-counted limit, main/django/project/db-backend.ts; with a pool,
 * PostgreSQL's backend on a server of the run's own) records each connection Django opens, so
 * these count Django's own behaviour. The same scenarios as the
 * model's tests (tests/unit/engine/db-connections.test.ts), and the same answers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startOnDjango } from '../../../main/django/index.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import {
  asgi,
  connectsPerRequest,
  db,
  lentUntilAnswered,
  poolPastTheLimit,
  wsgi,
} from '../engine/db-connection-scenarios.ts';
import { maxOverlap, ofPhase, runAndCollect } from '../engine/run-and-collect.ts';

const onDjango = (input: ScenarioInput) =>
  runAndCollect({ ...input, target: { kind: 'django' } }, undefined, { runner: startOnDjango });

test('real Django under ASGI: every request opens its own connection, even with CONN_MAX_AGE = None', async () => {
  const c = await onDjango(asgi({ persistentConnections: true }));
  assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
  assert.deepEqual(connectsPerRequest(c), new Array(12).fill(1));
});

test('real Django on two gunicorn sync workers: one connection each with CONN_MAX_AGE = None, one per request with 0', async () => {
  const kept = await onDjango(wsgi(true));
  assert.equal(kept.outcome.summary.errors, 0, kept.requests.find((r) => r.error)?.error ?? '');
  const connects = ofPhase(kept, 'connect');
  assert.ok(connects.length >= 1 && connects.length <= 2, `${connects.length} connections for two workers`);
  assert.equal(new Set(connects.map((s) => s.lane)).size, connects.length, 'one a worker');
  const closed = await onDjango(wsgi(false));
  assert.deepEqual(connectsPerRequest(closed), new Array(12).fill(1));
  // A worker reconnects every request, and each of its two queries is still one db span.
  assert.deepEqual(
    closed.requests.map((r) => ofPhase(closed, 'db').filter((q) => q.req === r.id).length),
    new Array(12).fill(2),
  );
});

test('real Django beyond the limit: the refused request is a 500 with PostgreSQL’s words', async () => {
  const input = asgi({ dbMaxConnections: 2 }, 20);
  input.endpoints[0].steps = [{ kind: 'offload', step: db(30) }];
  const c = await onDjango(input);
  const refused = c.requests.filter((r) => r.error !== null);
  assert.ok(refused.length > 0, 'four users, two connections: some requests are refused');
  for (const r of refused)
    assert.match(r.error!, /OperationalError: connection failed: FATAL: {2}sorry, too many clients already/);
});

test('real Django 5.2’s pool of 4 on PostgreSQL with max_connections 2: two connections lent in turn, no request fails', async () => {
  const c = await onDjango(poolPastTheLimit());
  assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
  assert.equal(ofPhase(c, 'connect').length, 2);
  assert.equal(ofPhase(c, 'pool-wait').length, 8);
  assert.equal(maxOverlap(lentUntilAnswered(c)), 2);
});

/**
 * Django's database connections in the model: a thread's first query opens one (a `connect`
 * span on that thread), and where the thread lives decides how many a run opens. Counted from
 * the spans, never timed: under ASGI from Django 4.0 every request opens its own, persistent or
 * not; a sync worker with CONN_MAX_AGE = None opens one for the run; with 0 it opens one per
 * request. Beyond the database's limit a query fails with PostgreSQL's own error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TOO_MANY_CLIENTS } from '../../../shared/db-connections.ts';
import { scenarioSchema } from '../../../shared/scenario.ts';
import { asgi, connectsPerRequest, db, lentUntilAnswered, poolPastTheLimit, wsgi } from './db-connection-scenarios.ts';
import { maxOverlap, ofPhase, runAndCollect } from './run-and-collect.ts';

test('ASGI, Django 5.2: every request opens one connection, reused by its second query, CONN_MAX_AGE or not', async () => {
  for (const persistentConnections of [false, true]) {
    const c = await runAndCollect(asgi({ persistentConnections }));
    assert.equal(c.outcome.summary.errors, 0, c.outcome.error ?? '');
    assert.equal(c.requests.length, 12);
    assert.deepEqual(connectsPerRequest(c), new Array(12).fill(1), `persistent ${persistentConnections}`);
    // Each connect runs on the thread that then queries, before its first query.
    for (const connect of ofPhase(c, 'connect')) {
      const queries = ofPhase(c, 'db').filter((q) => q.req === connect.req);
      assert.ok(queries.every((q) => q.lane === connect.lane && q.start >= connect.end));
    }
  }
});

test('sync workers: CONN_MAX_AGE = None opens one connection per worker; 0 opens one per request', async () => {
  const kept = await runAndCollect(wsgi(true));
  assert.equal(kept.outcome.summary.errors, 0, kept.outcome.error ?? '');
  const connects = ofPhase(kept, 'connect');
  assert.equal(connects.length, 2, 'two workers, one connection each');
  assert.equal(new Set(connects.map((s) => s.lane)).size, 2);

  const closed = await runAndCollect(wsgi(false));
  assert.deepEqual(connectsPerRequest(closed), new Array(12).fill(1));
});

test('Django 3.2, one thread, CONN_MAX_AGE = None: one connection for the whole run', async () => {
  const c = await runAndCollect(asgi({ django: '3.2', persistentConnections: true }));
  assert.equal(c.outcome.summary.errors, 0, c.outcome.error ?? '');
  assert.equal(ofPhase(c, 'connect').length, 1);
});

test('beyond max_connections a query fails with PostgreSQL’s error, and no more than the limit are ever open', async () => {
  const input = asgi({ dbMaxConnections: 2 }, 20);
  input.endpoints[0].steps = [{ kind: 'offload', step: db(30) }];
  const c = await runAndCollect(input);
  const refused = c.requests.filter((r) => r.error !== null);
  assert.ok(refused.length > 0, 'four users, two connections: some requests are refused');
  for (const r of refused) {
    assert.equal(r.status, 500);
    assert.match(r.error!, /too many clients already/);
  }
  assert.ok(TOO_MANY_CLIENTS.includes('FATAL:  sorry, too many clients already'));
  // A connection is surely open from its connect's end to the end of its request's query.
  const ok = new Set(c.requests.filter((r) => r.error === null).map((r) => r.id));
  const open = ofPhase(c, 'connect')
    .filter((s) => ok.has(s.req))
    .map((s) => ({
      start: s.end,
      end: Math.max(
        ...ofPhase(c, 'db')
          .filter((q) => q.req === s.req)
          .map((q) => q.end),
      ),
    }));
  assert.ok(open.length >= 2);
  assert.ok(maxOverlap(open) <= 2, `at most 2 open at once, saw ${maxOverlap(open)}`);
});

test('Django 5.1’s pool of 2 under ASGI: two connections opened for the run, lent in turn, never more than two out', async () => {
  const input = asgi({ dbPool: 2, dbMaxConnections: 2 }, 16);
  input.endpoints[0].steps = [{ kind: 'offload', step: db(10) }];
  const c = await runAndCollect(input);
  assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
  assert.equal(ofPhase(c, 'connect').length, 2, 'the pool opens two and keeps them');
  const waits = ofPhase(c, 'pool-wait');
  assert.equal(waits.length, 16, 'each request asks the pool once');
  // A request holds its pooled connection from the end of its wait to the end of its query.
  const lent = waits.map((w) => ({
    start: w.end,
    end: Math.max(
      ...ofPhase(c, 'db')
        .filter((q) => q.req === w.req)
        .map((q) => q.end),
    ),
  }));
  assert.ok(maxOverlap(lent) <= 2, `at most two lent at once, saw ${maxOverlap(lent)}`);
  assert.ok(
    waits.some((w) => w.end - w.start > 1_000),
    'with four users and two connections, some request waited for one',
  );
});

test('a pooled connection goes back only after the response is written: a pool of 1 lends to one request at a time, response included', async () => {
  // Django's ASGI handler sends the response, then runs response.close() (request_finished) on the
  // request's thread: only then is the connection back in the pool. Four users on one connection:
  // each loan, counted from the end of the wait to the response, ends before the next begins.
  // (Given back when the view ended, the next loan began during the response's own Python.)
  const input = asgi({ dbPool: 1 }, 12);
  input.endpoints[0].steps = [{ kind: 'offload', step: db(2) }];
  const c = await runAndCollect(input);
  assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
  const loans = lentUntilAnswered(c);
  assert.equal(loans.length, 12);
  assert.equal(maxOverlap(loans), 1);
});

test('a pool of 4 past a limit of 2: two places open, the other two are lost to the pool, and no request fails', async () => {
  // psycopg_pool opens its connections in workers of its own and retries a refused one in the
  // background: the requests wait for the two that opened (as measured on real Django 5.2).
  const c = await runAndCollect(poolPastTheLimit());
  assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
  assert.equal(ofPhase(c, 'connect').length, 2, 'two connections opened; the refused attempts are the pool’s');
  assert.equal(ofPhase(c, 'pool-wait').length, 8);
  assert.equal(maxOverlap(lentUntilAnswered(c)), 2);
});

test('a pool is refused with persistent connections and before Django 5.1, in Django’s words', () => {
  assert.throws(
    () => scenarioSchema.parse(asgi({ dbPool: 4, persistentConnections: true })),
    /Pooling doesn't support persistent connections/,
  );
  assert.throws(
    () => scenarioSchema.parse(asgi({ dbPool: 4, django: '4.2' })),
    /the connection pool came in Django 5\.1/,
  );
});

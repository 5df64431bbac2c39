/** Little's law at both boundaries, on hand-computed steps. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { littlesLaw, stepConcurrency } from '../../../../shared/analysis/effective-concurrency.ts';

test("Little's law: 40 req/s × 100 ms = 4 at once; nothing for no throughput or a non-number", () => {
  assert.equal(littlesLaw(40, 100), 4);
  assert.equal(littlesLaw(12.5, 80), 1);
  assert.equal(littlesLaw(0, 100), 0);
  assert.equal(littlesLaw(Number.NaN, 100), 0);
  assert.equal(littlesLaw(Infinity, 100), 0);
});

test('8 users on 4 workers of 100 ms: 8 in the system (all busy), 4 in service, half the users', () => {
  // 4 workers × 10 req/s each = 40 req/s; each request waits one wave then is served: 200 ms.
  const c = stepConcurrency(
    { users: 8, completed: 40, errors: 0, throughputRps: 40, meanMs: 200, p50Ms: 200, p95Ms: 200 },
    100,
  );
  assert.deepEqual(c, { users: 8, inSystem: 8, inSystemPerUser: 1, inService: 4, inServicePerUser: 0.5 });
});

test('a blocked loop: 4 users, 10 req/s, 400 ms each: 4 in the system, 1 in service', () => {
  const c = stepConcurrency(
    { users: 4, completed: 20, errors: 0, throughputRps: 10, meanMs: 400, p50Ms: 400, p95Ms: 400 },
    100,
  );
  assert.deepEqual(c, { users: 4, inSystem: 4, inSystemPerUser: 1, inService: 1, inServicePerUser: 0.25 });
});

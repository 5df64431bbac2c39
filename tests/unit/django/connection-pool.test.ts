/**
 * The `connection-pool` preset (ten users, an async view with two `aget`s around a 50 ms await,
 * Django 5.1's pool of 4) on the model and on real Django 5.2 with PostgreSQL's pool: the same
 * answers, counted from the spans, never timed. Real Django's spans come from its own pool
 * (psycopg_pool's getconn, wrapped in the generated backend); its PostgreSQL server is started
 * for the run and stopped by its id, and the last test checks that none is left.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startOnDjango } from '../../../main/django/index.ts';
import { findPreset } from '../../../shared/presets.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { lentUntilAnswered } from '../engine/db-connection-scenarios.ts';
import { maxOverlap, ofPhase, runAndCollect, shapeOf, type Runner } from '../engine/run-and-collect.ts';

const preset = findPreset('connection-pool')!.scenario as ScenarioInput;

const sides: [string, ScenarioInput, Runner | undefined][] = [
  ['the model', preset, undefined],
  ['real Django 5.2 on PostgreSQL', { ...preset, target: { kind: 'django', django: '5.2' } }, startOnDjango],
];

for (const [side, input, runner] of sides) {
  test(`${side}: forty requests share the pool's four connections, each borrowing one once and waiting while all four are lent`, async () => {
    const c = await runAndCollect(input, undefined, { runner });
    assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
    assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
    assert.equal(c.requests.length, 40);
    // One borrow a request (its first query; the second reuses it), four connections for the run.
    const waits = ofPhase(c, 'pool-wait');
    assert.equal(waits.length, 40);
    assert.equal(new Set(waits.map((w) => w.req)).size, 40);
    assert.equal(ofPhase(c, 'connect').length, 4, 'the pool opens its four connections once');
    // A loan lasts to the request's response (its await included): never more than four at once,
    // and all four at once while ten users ask.
    assert.equal(maxOverlap(lentUntilAnswered(c)), 4);
    // Each request's queries run between its borrow and its response, on the thread that borrowed.
    for (const w of waits) {
      const queries = ofPhase(c, 'db').filter((q) => q.req === w.req);
      assert.equal(queries.length, 2);
      assert.ok(queries.every((q) => q.lane === w.lane && q.start >= w.end));
    }
    const shape = shapeOf(c);
    assert.equal(shape.requestsAtOnce, 10);
    assert.ok(shape.threadsAtOnce > 4, `a thread waiting in getconn() is held: ${shape.threadsAtOnce} threads`);
  });
}

test('no PostgreSQL or Django server is left running', () => {
  let left = '';
  try {
    left = execFileSync('pgrep', ['-af', 'interleave-postgres-|interleave_site'], { encoding: 'utf8' });
  } catch {
    // pgrep exits 1 when nothing matches.
  }
  assert.equal(left.trim(), '');
});

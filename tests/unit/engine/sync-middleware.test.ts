/**
 * A sync-only middleware in front of async views: Django runs it through
 * sync_to_async(thread_sensitive=True) and the view below it back on the loop, so each request
 * holds its thread-sensitive thread until its response. On Django 3.2 (one thread for the
 * process) that serialises every request, even views that only await; on 5.2 each request holds
 * a thread of its own. Asserted by spans and shapes, never by durations; the bound by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { theoreticalBound } from '../../../shared/bounds.ts';
import { scenarioSchema, type DjangoVersion, type ScenarioInput } from '../../../shared/scenario.ts';
import { writeDjangoProject } from '../../../main/django/project/write-django-project.ts';
import { runAndCollect, shapeOf } from './run-and-collect.ts';

const behind = (django: DjangoVersion, users = 4): ScenarioInput => ({
  server: { model: 'async', django, syncMiddleware: true },
  endpoints: [{ name: 'await', view: 'async', steps: [{ kind: 'await', ms: 200 }] }],
  load: { model: 'closed', concurrency: users, end: { kind: 'requests', count: users } },
});

test('Django 3.2: each request holds the one thread around its view, so four awaiting views run one at a time', async () => {
  const c = await runAndCollect(behind('3.2'));
  assert.equal(c.outcome.summary.errors, 0);
  const executor = c.lanes.filter((l) => l.kind === 'executor');
  assert.equal(executor.length, 1);
  const held = c.spans.filter((s) => s.phase === 'running' && s.lane === executor[0].id);
  assert.equal(held.length, 4, 'one hold per request');
  for (const h of held) {
    const view = c.spans.find((s) => s.req === h.req && s.phase === 'await')!;
    assert.ok(h.start <= view.start && view.end <= h.end, `request ${h.req}: its await inside its hold`);
  }
  assert.deepEqual(shapeOf(c), { requestsAtOnce: 1, threadsAtOnce: 1 });
});

test('Django 5.2: each request holds a thread of its own, so the four overlap', async () => {
  const c = await runAndCollect(behind('5.2'));
  assert.equal(c.outcome.summary.errors, 0);
  assert.deepEqual(shapeOf(c), { requestsAtOnce: 4, threadsAtOnce: 4 });
});

test('refused with a pool; the bound holds the thread for the whole request (hand-computed)', () => {
  const pool = scenarioSchema.safeParse({
    ...behind('5.2'),
    server: { model: 'async', executor: 'pool', syncMiddleware: true },
  });
  assert.equal(pool.success, false);
  assert.match(pool.error!.issues[0].message, /never on a pool; allowed with executor per-request or one-thread/);
  // 200 ms held per request: one thread → 1000 / 200 = 5 req/s; four threads (4 users) → 20 req/s.
  const one = theoreticalBound(scenarioSchema.parse(behind('3.2')));
  assert.equal(one.limitingResource, 'executor');
  assert.equal(one.maxThroughputRps, 5);
  assert.match(one.explanation, /Behind the sync-only middleware each request holds its thread-sensitive thread/);
  assert.equal(theoreticalBound(scenarioSchema.parse(behind('5.2'))).maxThroughputRps, 20);
});

test('real Django gets the middleware in MIDDLEWARE only when the scenario has one', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-mw-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const settings = (input: ScenarioInput) => {
    writeDjangoProject(scenarioSchema.parse(input), dir, { djangoVersion: '5.2' });
    return readFileSync(join(dir, 'interleave_site', 'settings.py'), 'utf8');
  };
  assert.match(settings(behind('5.2')), /MIDDLEWARE = \["interleave_site\.middleware\.SyncOnlyMiddleware"\]/);
  assert.match(settings({ ...behind('5.2'), server: { model: 'async' } }), /MIDDLEWARE = \[\]/);
  assert.match(readFileSync(join(dir, 'interleave_site', 'middleware.py'), 'utf8'), /async_capable = False/);
});

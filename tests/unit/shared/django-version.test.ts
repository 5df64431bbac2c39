/**
 * The Django version as a setting: it sets the thread-sensitive executor (one thread for the
 * process in 3.x, one per request from 4.0) unless the executor is given, refuses the one
 * combination Django never had, and decides whether the ASGI handler's own hop queues on the
 * one thread (3.x only: with 4.0+ a one-thread executor is code outside a request).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handlerHopsQueue, scenarioSchema, type ScenarioInput } from '../../../shared/scenario.ts';
import { scenarioFromFlags } from '../../../main/cli/scenario-from-flags.ts';

const withServer = (server: ScenarioInput['server']) =>
  scenarioSchema.safeParse({
    server,
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'await', ms: 1 }] }],
    load: { model: 'closed', end: { kind: 'requests', count: 1 } },
  });

test('the version sets the executor when none is given; an explicit one is kept', () => {
  const executor = (server: ScenarioInput['server']) => {
    const parsed = withServer(server);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    return parsed.data.server.executor;
  };
  assert.equal(executor({ model: 'async', django: '3.2' }), 'one-thread');
  assert.equal(executor({ model: 'async', django: '4.2' }), 'per-request');
  assert.equal(executor({ model: 'async', django: '5.2' }), 'per-request');
  assert.equal(executor({ model: 'async' }), 'per-request', 'no version: as before');
  assert.equal(executor({ model: 'async', django: '3.2', executor: 'pool' }), 'pool');
  assert.equal(executor({ model: 'async', django: '5.2', executor: 'one-thread' }), 'one-thread');
});

test('Django 3.2 with a thread per request is refused, naming the version that brought it', () => {
  const parsed = withServer({ model: 'async', django: '3.2', executor: 'per-request' });
  assert.equal(parsed.success, false);
  assert.match(
    parsed.error!.issues[0].message,
    /per-request with Django 3\.2: .* came in Django 4\.0; allowed with 3\.2: one-thread, pool/,
  );
  assert.deepEqual(parsed.error!.issues[0].path, ['server', 'executor']);
  assert.equal(withServer({ model: 'async', django: '2.2' as '3.2' }).success, false);
});

test("the handler's hop queues on the one thread under Django 3.x only", () => {
  assert.equal(handlerHopsQueue({ model: 'async', executor: 'one-thread', django: '3.2' }), true);
  assert.equal(handlerHopsQueue({ model: 'async', executor: 'one-thread', django: undefined }), true);
  assert.equal(handlerHopsQueue({ model: 'async', executor: 'one-thread', django: '5.2' }), false);
  assert.equal(handlerHopsQueue({ model: 'async', executor: 'per-request', django: '5.2' }), false);
  assert.equal(handlerHopsQueue({ model: 'sync-workers', executor: 'one-thread', django: '3.2' }), false);
});

test('--django 3.2 makes the model behave as 3.2; with --on django it also picks that Python', () => {
  const model = scenarioFromFlags({ preset: 'gather-orm-queries', django: '3.2' });
  assert.deepEqual([model.server.django, model.server.executor, model.target.kind], ['3.2', 'one-thread', 'model']);
  const real = scenarioFromFlags({ preset: 'gather-orm-queries', django: '3.2', on: 'django' });
  assert.deepEqual(real.target, { kind: 'django', django: '3.2' });
  assert.equal(scenarioFromFlags({ preset: 'async-orm-one-thread', django: '5.2' }).server.executor, 'per-request');
  assert.throws(
    () => scenarioFromFlags({ preset: 'gather-orm-queries', django: '3.2', executor: 'per-request' }),
    /per-request with Django 3\.2/,
  );
  assert.throws(() => scenarioFromFlags({ preset: 'async-await', django: 'newest' }), /--django newest goes with --on/);
  assert.throws(
    () => scenarioFromFlags({ preset: 'async-await', django: '6.0' }),
    /--django.*"6\.0".*3\.2, 4\.2, 5\.2|3\.2.*4\.2.*5\.2/,
  );
});

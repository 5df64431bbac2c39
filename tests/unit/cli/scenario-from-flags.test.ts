import { describeServer } from '../../../shared/analysis/describe-scenario.ts';
import { djangoCannotRun } from '../../../main/django/project/expressible.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenarioFromFlags } from '../../../main/cli/scenario-from-flags.ts';
import { UsageError } from '../../../main/cli/cli-error.ts';
import { ValidationError } from '../../../shared/validation.ts';

test('quick overrides build the scenario a one-liner asks for', () => {
  const s = scenarioFromFlags({
    server: 'sync-workers',
    workers: '4',
    view: 'sync',
    step: 'block',
    latency: '100',
    concurrency: '10',
    requests: '10',
  });
  assert.equal(s.server.model, 'sync-workers');
  assert.equal(s.server.workers, 4);
  assert.deepEqual(
    s.endpoints.map((e) => [e.view, e.steps]),
    [['sync', [{ kind: 'block', ms: 100 }]]],
  );
  assert.deepEqual(s.load.end, { kind: 'requests', count: 10 });
  assert.equal(s.load.concurrency, 10);
});

test('offload with --inner and --gather builds a gather of offloads', () => {
  const s = scenarioFromFlags({ step: 'offload', inner: 'db', latency: '100', gather: '2', threads: '3' });
  assert.equal(s.server.executor, 'pool', '--threads alone means a pool');
  assert.equal(s.server.poolThreads, 3);
  const [step] = s.endpoints[0].steps;
  assert.equal(step.kind, 'gather');
  assert.deepEqual(step.kind === 'gather' && step.steps[0], {
    kind: 'offload',
    step: { kind: 'db', query: 'product-get', ms: 100 },
  });
});

test('--rate switches to the open model and --duration ends by time', () => {
  const s = scenarioFromFlags({ preset: 'async-await', rate: '40', arrival: 'poisson', duration: '2' });
  assert.equal(s.load.model, 'open');
  assert.equal(s.load.rateRps, 40);
  assert.equal(s.load.arrival, 'poisson');
  assert.deepEqual(s.load.end, { kind: 'duration', seconds: 2 });
});

test('--latency without --step rescales every step of the preset', () => {
  const s = scenarioFromFlags({ preset: 'gather-api-calls', latency: '30' });
  const [gather] = s.endpoints[0].steps;
  assert.ok(gather.kind === 'gather' && gather.steps.every((c) => 'ms' in c && c.ms === 30));
});

test("--framework-python off leaves Django's own Python out of the model, and says so; on by default", () => {
  assert.equal(scenarioFromFlags({ preset: 'async-await' }).server.frameworkPython, true);
  const off = scenarioFromFlags({ preset: 'async-await', 'framework-python': 'off' });
  assert.equal(off.server.frameworkPython, false);
  assert.match(describeServer(off.server), /interpreter lock on, Django's own Python not charged/);
  assert.match(djangoCannotRun(off) ?? '', /`server.frameworkPython` is off: real Django always runs its own Python/);
});

test('bad flags say what was wrong and what is allowed', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ server: 'twisted' }, /--server is "twisted"; allowed: async, sync-workers/],
    [{ workers: 'many' }, /--workers must be a number; got "many"/],
    [{ gil: 'maybe' }, /--gil is "maybe"; allowed: on, off/],
    [{ 'framework-python': 'no' }, /--framework-python is "no"; allowed: on, off/],
    [{ preset: 'nope' }, /there is no preset "nope"; presets: async-await/],
    [{ concurrency: '5', rate: '5' }, /not both/],
    [{ inner: 'cpu', step: 'block' }, /--inner goes with --step offload/],
    [{ scenario: '/nonexistent/s.json' }, /cannot read the scenario file/],
  ];
  for (const [flags, message] of cases)
    assert.throws(
      () => scenarioFromFlags(flags),
      (e: Error) => e instanceof UsageError && message.test(e.message),
      JSON.stringify(flags),
    );
});

test('values out of range are refused by the schema with field, value and limit', () => {
  assert.throws(
    () => scenarioFromFlags({ concurrency: '5000', requests: '0' }),
    (e: Error) =>
      e instanceof ValidationError &&
      /`load.concurrency` is 5000; allowed at most 1000/.test(e.message) &&
      /`load.end.count` is 0; allowed at least 1/.test(e.message),
  );
  assert.throws(() => scenarioFromFlags({ step: 'await', view: 'sync' }), /a sync view \(def\) cannot await/);
});

test('server shapes and overload flags: --server gthread takes --threads per worker, the rest set their fields', () => {
  const g = scenarioFromFlags({ server: 'gthread', workers: '4', threads: '8', 'worker-timeout': '5', backlog: '64' });
  assert.deepEqual(
    [g.server.model, g.server.workers, g.server.threads, g.server.workerTimeoutS, g.server.backlog, g.server.executor],
    ['gthread', 4, 8, 5, 64, 'per-request'],
  );
  const u = scenarioFromFlags({ server: 'async-workers', workers: '4', 'limit-concurrency': '20' });
  assert.deepEqual([u.server.model, u.server.workers, u.server.limitConcurrency], ['async-workers', 4, 20]);
  assert.throws(
    () => scenarioFromFlags({ server: 'sync-workers', 'limit-concurrency': '5' }),
    /--limit-concurrency is uvicorn's, allowed with server async or async-workers/,
  );
  assert.throws(() => scenarioFromFlags({ 'worker-timeout': 'soon' }), /--worker-timeout must be a number; got "soon"/);
  assert.throws(
    () => scenarioFromFlags({ server: 'uwsgi' }),
    /--server is "uwsgi"; allowed: async, sync-workers, async-workers, gthread/,
  );
});

test('database connection flags set their fields, and a bad value says what is allowed', () => {
  const s = scenarioFromFlags({ 'db-connect': '20', 'db-max-connections': '6', 'persistent-connections': true });
  assert.deepEqual([s.server.dbConnectMs, s.server.dbMaxConnections, s.server.persistentConnections], [20, 6, true]);
  const plain = scenarioFromFlags({});
  assert.equal('dbConnectMs' in plain.server, false, 'absent unless given');
  assert.throws(() => scenarioFromFlags({ 'db-max-connections': '0' }), /dbMaxConnections/);
  assert.throws(() => scenarioFromFlags({ 'db-connect': 'fast' }), /--db-connect must be a number; got "fast"/);
});

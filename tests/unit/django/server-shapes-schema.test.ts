import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenarioSchema, type ScenarioInput } from '../../../shared/scenario.ts';
import { parseOrExplain, ValidationError } from '../../../shared/validation.ts';
import { serverCommand } from '../../../main/django/python-server.ts';

const base = (server: Record<string, unknown>): ScenarioInput =>
  ({
    server,
    endpoints: [{ name: 'v', view: 'sync', steps: [{ kind: 'block', ms: 100 }] }],
    load: { model: 'closed', concurrency: 10, end: { kind: 'requests', count: 10 } },
  }) as ScenarioInput;

const refusal = (server: Record<string, unknown>) => {
  try {
    parseOrExplain(scenarioSchema, base(server), 'The scenario');
  } catch (error) {
    assert.ok(error instanceof ValidationError);
    return (error as Error).message;
  }
  assert.fail('accepted');
};

test('the new shapes take their real defaults: 1 gthread thread, backlog 2048, timeout 30 s, no concurrency limit', () => {
  const s = scenarioSchema.parse(base({ model: 'gthread', workers: 4 }));
  assert.deepEqual(
    [s.server.threads, s.server.backlog, s.server.workerTimeoutS, s.server.limitConcurrency],
    [1, 2048, 30, null],
  );
});

test('--limit-concurrency is uvicorn-only, and gthread threads are bounded in all', () => {
  assert.match(
    refusal({ model: 'gthread', limitConcurrency: 5 }),
    /limitConcurrency` is 5 with server gthread; --limit-concurrency is uvicorn's, allowed with server async or async-workers/,
  );
  assert.match(
    refusal({ model: 'gthread', workers: 32, threads: 16 }),
    /threads` is 16 with 32 workers \(512 threads\); allowed at most 256/,
  );
  assert.match(refusal({ model: 'async', backlog: 0 }), /backlog/);
});

test('uvicorn workers each start a thread per request in flight: the bound counts all processes', () => {
  const heavy = {
    ...base({ model: 'async-workers', workers: 4 }),
    load: { model: 'closed', concurrency: 100, end: { kind: 'requests', count: 10 } },
  } as ScenarioInput;
  assert.throws(
    () => parseOrExplain(scenarioSchema, heavy, 'The scenario'),
    /each of the 4 uvicorn workers starts one executor thread per request in flight/,
  );
});

test('the real servers get the flags each shape means', () => {
  const cmd = (server: Record<string, unknown>) =>
    serverCommand(scenarioSchema.parse(base(server)), 8000, '26.2.0').join(' ');
  assert.match(
    cmd({ model: 'async-workers', workers: 4, limitConcurrency: 20, backlog: 64 }),
    /uvicorn .*--backlog 64 --workers 4 --limit-concurrency 20/,
  );
  assert.match(
    cmd({ model: 'gthread', workers: 4, threads: 8, workerTimeoutS: 5 }),
    /gunicorn .*--workers 4 --worker-class gthread --threads 8 --backlog 2048 --timeout 5/,
  );
  assert.match(cmd({ model: 'sync-workers', workers: 2 }), /--worker-class sync --backlog 2048 --timeout 30/);
  assert.doesNotMatch(cmd({ model: 'async' }), /--workers|--limit-concurrency/);
});

test("connectionProcesses places connections on uvicorn's processes only, each a process that exists", () => {
  const s = scenarioSchema.parse(base({ model: 'async-workers', workers: 2, connectionProcesses: [0, 0, 1] }));
  assert.deepEqual(s.server.connectionProcesses, [0, 0, 1]);
  assert.match(
    refusal({ model: 'async', connectionProcesses: [0] }),
    /connectionProcesses` is set with server async; it places connections on uvicorn's processes, allowed with server async-workers/,
  );
  assert.match(
    refusal({ model: 'async-workers', workers: 2, connectionProcesses: [0, 2] }),
    /connectionProcesses` names process 2 with 2 workers; allowed: 0 to 1/,
  );
  assert.match(refusal({ model: 'async-workers', connectionProcesses: [] }), /connectionProcesses/);
});

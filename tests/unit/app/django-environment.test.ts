/**
 * The bridge's djangoEnvironment call on the real app: Python is not run when the app opens,
 * only on the first call; later calls answer from the cache until `refresh`. A scenario aimed at
 * real Django is refused (not run on the model) until the runner is part of the app.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../../main/app/app.ts';
import { REPO_ROOT } from '../../../main/django/python-env.ts';
import { dispatchCall } from '../../../shared/bridge-server.ts';

test('Python runs on the first djangoEnvironment call, not at start-up; refresh runs it again', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-app-pyenv-'));
  const marker = join(dir, 'asked');
  const python = join(dir, 'python');
  // The venv's Python, counting how often it is asked.
  writeFileSync(python, `#!/bin/sh\necho asked >> "${marker}"\nexec "${join(REPO_ROOT, '.venv/bin/python')}" "$@"\n`);
  chmodSync(python, 0o755);
  const before = process.env.INTERLEAVE_PYTHON;
  process.env.INTERLEAVE_PYTHON = python;
  const app = await openApp({ dataDir: dir, mode: 'browser' });
  t.after(async () => {
    await app.close();
    if (before === undefined) delete process.env.INTERLEAVE_PYTHON;
    else process.env.INTERLEAVE_PYTHON = before;
    rmSync(dir, { recursive: true, force: true });
  });
  const asked = () => (existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean).length : 0);

  assert.equal(asked(), 0, 'opening the app runs no Python');
  const env = await app.api.djangoEnvironment();
  assert.equal(asked(), 1);
  assert.equal(env.ready, true);
  assert.deepEqual(
    env.candidates.map((c) => [c.source, c.path, c.packages.django]),
    [['INTERLEAVE_PYTHON', python, '5.2.17']],
  );
  assert.equal(env.chosen, 0);
  assert.deepEqual(await app.api.djangoEnvironment({}), env);
  assert.equal(asked(), 1, 'answered from the cache');
  assert.deepEqual(await app.api.djangoEnvironment({ refresh: true }), env);
  assert.equal(asked(), 2, 'refresh asks again');

  const refused = await dispatchCall(app.api, 'djangoEnvironment', [{ refresh: 'yes' }]);
  assert.deepEqual(refused, {
    ok: false,
    error: 'The environment request is not valid:\n  - `refresh` is "yes"; expected boolean',
  });
  assert.equal(asked(), 2);
});

test('a scenario real Django cannot express is refused with a sentence naming the setting, and nothing is stored', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-app-django-target-'));
  const app = await openApp({ dataDir: dir, mode: 'browser' });
  t.after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await assert.rejects(
    app.api.startRun({
      target: { kind: 'django' },
      server: { model: 'async', gil: false },
      endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'await', ms: 1 }] }],
      load: { model: 'closed', concurrency: 1, end: { kind: 'requests', count: 1 } },
    }),
    { message: /^`server\.gil` is off: real Django runs on CPython with its interpreter lock/ },
  );
  assert.deepEqual(await app.api.listRuns(), []);
});

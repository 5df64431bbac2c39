/**
 * The Django project a scenario means compiles as Python, for every preset and every kind of step
 * in every place it may stand, written for Django 5.2 (the async ORM) and 3.2 (sync_to_async
 * around the sync ORM); and the views say what the steps mean, literally.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRESETS } from '../../../shared/presets.ts';
import { scenarioSchema, type ScenarioInput } from '../../../shared/scenario.ts';
import { writeDjangoProject } from '../../../main/django/project/write-django-project.ts';
import { REPO_ROOT } from '../../../main/django/python-env.ts';

const python = join(REPO_ROOT, '.venv', 'bin', 'python');

const everyStep: ScenarioInput = {
  server: { model: 'async', executor: 'pool', poolThreads: 3 },
  endpoints: [
    {
      name: 'all',
      view: 'async',
      steps: [
        { kind: 'await', ms: 5 },
        { kind: 'block', ms: 5 },
        { kind: 'cpu', ms: 5 },
        { kind: 'db', query: 'cart-get', ms: 2 },
        { kind: 'upstream', ms: 5 },
        { kind: 'upstream', ms: 5, blocking: true, fault: 'refuse' },
        { kind: 'offload', step: { kind: 'db', query: 'order-insert' } },
        {
          kind: 'gather',
          steps: [
            { kind: 'await', ms: 1 },
            { kind: 'offload', step: { kind: 'cpu', ms: 1 } },
          ],
        },
      ],
    },
    {
      name: 'sync',
      view: 'sync',
      steps: [
        { kind: 'db', query: 'product-list' },
        { kind: 'upstream', ms: 1 },
      ],
    },
  ],
  load: { model: 'closed', end: { kind: 'requests', count: 1 } },
};

function compiles(input: ScenarioInput, djangoVersion: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-project-'));
  try {
    writeDjangoProject(scenarioSchema.parse(input), dir, { djangoVersion });
    execFileSync(python, ['-m', 'compileall', '-q', dir], { encoding: 'utf8' });
    return readFileSync(join(dir, 'interleave_site', 'views.py'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const version of ['5.2', '3.2']) {
  test(`every preset and every step compile for Django ${version}`, () => {
    for (const preset of PRESETS) compiles(preset.scenario, version);
    compiles(everyStep, version);
  });
}

test('the views are the literal Python the steps mean', () => {
  const views = compiles(everyStep, '5.2');
  assert.match(views, /await asyncio\.sleep\(0\.005\)/);
  assert.match(views, /time\.sleep\(0\.005\)/);
  // Under ASGI an awaited upstream call uses the loop's one client, which the warm-up builds.
  assert.match(views, /\(await upstream_client\(\)\.get\(f"\{UPSTREAM\}\/delay\?ms=5&fault=none", timeout=5\)\)/);
  assert.match(views, /async def warm_up\(request\):\n {4}upstream_client\(\)\n {4}return/);
  assert.match(views, /urllib\.request\.urlopen\(f"\{UPSTREAM_REFUSED\}\/delay\?ms=5&fault=refuse", timeout=5\)/);
  assert.match(views, /await asyncio\.gather\(_ep0_s7_0\(\), _ep0_s7_1\(\)\)/);
  assert.match(views, /thread_sensitive=False, executor=POOL/);
  assert.match(views, /POOL = ThreadPoolExecutor\(max_workers=3/);
  assert.match(views, /@sync_view\ndef ep_1\(request\):/);
  // A db step inside async def calls the sync ORM, as written: Django refuses it at run time.
  assert.match(views, /async def ep_0\(request\):[\s\S]*?with db_latency\(0\.002\):\n {8}cart_get\(\)/);
  const perRequest = compiles(
    {
      ...everyStep,
      server: { model: 'async' },
      endpoints: [
        { name: 'a', view: 'async', steps: [{ kind: 'offload', step: { kind: 'db', query: 'product-get' } }] },
      ],
    },
    '5.2',
  );
  assert.match(perRequest, /await aproduct_get\(\)/);
  const old = compiles(
    {
      ...everyStep,
      server: { model: 'async', executor: 'one-thread' },
      endpoints: [
        { name: 'a', view: 'async', steps: [{ kind: 'offload', step: { kind: 'db', query: 'product-get' } }] },
      ],
    },
    '3.2',
  );
  assert.doesNotMatch(old, /aget|aproduct_get/);
  // Under WSGI each async view runs on a new loop (async_to_sync): a client per call, no shared one.
  const wsgi = compiles({ ...everyStep, server: { model: 'sync-workers' } }, '5.2');
  assert.match(wsgi, /async with httpx\.AsyncClient\(timeout=5\) as client:/);
  assert.doesNotMatch(wsgi, /upstream_client/);
  assert.match(old, /await offload\(_ep0_s0\)/);
});

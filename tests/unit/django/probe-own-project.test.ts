/**
 * The probe on a Django project Interleave did not write: pip installs `interleave_probe` from
 * main/django/python into a fresh venv without the network, and a small project of the test's
 * own (a settings file, an `async def` view that awaits asyncio.sleep(0.05), a `def` view),
 * served by uvicorn on 127.0.0.1 with the documented one-line change to asgi.py, answers with
 * the probe's metrics. The server is stopped by its process group id whatever happens.
 *
 * The venv is made from .venv's Python with --system-site-packages; .venv is itself a venv, so
 * "system" there means the Python it was made from, which has no Django. A .pth file adds
 * .venv's site-packages (Django, uvicorn) behind the venv's own, where the probe is installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../main/django/python-env.ts';
import { PythonServer, untilServing } from '../../../main/django/python-server.ts';
import { freePort } from '../../../main/platform/free-port.ts';
import { readProbeTiming } from '../../../shared/probe-timing.ts';
import { parseServerTiming } from '../../../shared/server-timing.ts';

const devPython = join(REPO_ROOT, '.venv', 'bin', 'python');
const probeDir = join(REPO_ROOT, 'main', 'django', 'python');
const quiet = { PIP_CONFIG_FILE: devNull, PYTHONDONTWRITEBYTECODE: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1' };

const files: Record<string, string> = {
  'usersite/__init__.py': '',
  'usersite/settings.py': [
    'SECRET_KEY = "not-secret-test-only"',
    'DEBUG = False',
    'ALLOWED_HOSTS = ["127.0.0.1"]',
    'ROOT_URLCONF = "usersite.urls"',
    'INSTALLED_APPS = []',
    'MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]',
    'DATABASES = {}',
    'USE_TZ = True',
  ].join('\n'),
  'usersite/views.py': [
    'import asyncio',
    'import time',
    'from django.http import HttpResponse',
    '',
    'async def slow(request):',
    '    await asyncio.sleep(0.05)',
    '    return HttpResponse("slow")',
    '',
    'def report(request):',
    '    time.sleep(0.01)',
    '    return HttpResponse("report")',
  ].join('\n'),
  'usersite/urls.py': [
    'from django.urls import path',
    'from . import views',
    'urlpatterns = [path("slow", views.slow), path("report", views.report)]',
  ].join('\n'),
  'usersite/asgi.py': [
    'import os',
    'from django.core.asgi import get_asgi_application',
    'from interleave_probe import ProbeASGI',
    'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "usersite.settings")',
    'application = ProbeASGI(get_asgi_application())',
  ].join('\n'),
};

function python(bin: string, args: string[], cwd?: string): string {
  return execFileSync(bin, args, {
    encoding: 'utf8',
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...quiet },
  });
}

test('pip installs the probe offline, and a Django project of its own answers with its metrics', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-own-project-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const venv = join(dir, 'venv');
  // Without pip of its own (ensurepip takes most of a minute on a busy machine): .venv's pip
  // installs into it with --python, the same install a user's `pip install` does.
  python(devPython, ['-m', 'venv', '--system-site-packages', '--without-pip', venv]);
  const venvPython = join(venv, 'bin', 'python');
  const purelib = (bin: string) =>
    python(bin, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])']).trim();
  writeFileSync(join(purelib(venvPython), 'dev-venv.pth'), `${purelib(devPython)}\n`);

  // What a user runs (with the index turned off: nothing may be downloaded).
  python(devPython, ['-m', 'pip', '--python', venvPython, 'install', '--no-index', '--quiet', probeDir]);
  const where = python(venvPython, ['-c', 'import interleave_probe; print(interleave_probe.__file__)'], dir).trim();
  assert.ok(where.startsWith(purelib(venvPython)), `installed into the venv, not read from the checkout: ${where}`);
  assert.match(
    python(devPython, ['-m', 'pip', '--python', venvPython, 'show', 'interleave-probe']),
    /Version: 0\.1\.0/,
  );

  const project = join(dir, 'project');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(project, file, '..'), { recursive: true });
    writeFileSync(join(project, file), `${text}\n`);
  }
  const port = await freePort();
  const server = new PythonServer(
    ['-m', 'uvicorn', 'usersite.asgi:application', '--host', '127.0.0.1', '--port', String(port)].concat([
      '--loop',
      'asyncio',
      '--http',
      'h11',
      '--no-access-log',
    ]),
    {
      python: venvPython,
      projectDir: project,
      pythonPath: [],
      port,
      env: { DJANGO_SETTINGS_MODULE: 'usersite.settings' },
    },
  );
  t.after(() => server.stop());
  const base = `http://127.0.0.1:${port}`;
  await untilServing(server, `${base}/__interleave__/clock`);

  const timingOf = async (path: string, req: number | null) => {
    const res = await fetch(`${base}${path}`, { headers: req === null ? {} : { 'x-interleave-req': String(req) } });
    assert.equal(res.status, 200, `${path}: ${server.lastLines()}`);
    await res.text();
    return res.headers.get('server-timing');
  };
  assert.equal(await timingOf('/slow', null), null, 'a request without the header is served untouched');

  const slow = parseServerTiming((await timingOf('/slow', 7)) ?? '');
  const slowProbe = readProbeTiming(slow);
  assert.equal(slowProbe.served?.req, 7);
  assert.equal(slowProbe.served?.thread.main, true, 'accepted on the event loop (the main thread)');
  const view = slow.find((m) => m.name === 'view');
  assert.equal(view?.desc, 'usersite.views.slow');
  assert.ok((view?.dur ?? 0) >= 50, `view took ${view?.dur} ms`);
  assert.ok(slowProbe.served!.respondedMs - slowProbe.served!.acceptedMs >= 50);

  const report = parseServerTiming((await timingOf('/report', 8)) ?? '');
  const reportProbe = readProbeTiming(report);
  assert.equal(reportProbe.served?.req, 8);
  const phases = reportProbe.spans.map((s) => s.phase);
  assert.deepEqual(phases.sort(), [1, 9], 'a def view: queued for the executor (9), then running on it (1)');
  const running = reportProbe.spans.find((s) => s.phase === 1)!;
  assert.equal(running.thread.main, false, 'on a sync_to_async thread, not the loop');
  assert.ok(running.endMs - running.startMs >= 10, `ran ${running.endMs - running.startMs} ms`);
  assert.equal(report.find((m) => m.name === 'view')?.desc, 'usersite.views.report');
  assert.ok(
    report.some((m) => m.name === 'interleave-loop'),
    'the loop-delay samples ride along',
  );
});

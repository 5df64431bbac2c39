/**
 * The probe on a Django project Interleave did not write: pip installs `interleave_probe` from
 * main/django/python into a fresh venv without the network, and a small project of the test's
 * own (tests/fixtures/own-django-project: an `async def` view that awaits asyncio.sleep(0.05), a
 * `def` view that sleeps 10 ms), served by uvicorn on 127.0.0.1 with the documented one-line
 * change to asgi.py, answers with the probe's metrics, and a URL run at it draws its real threads. The server is stopped by its
 * process group id whatever happens.
 *
 * The venv is made from .venv's Python with --system-site-packages; .venv is itself a venv, so
 * "system" there means the Python it was made from, which has no Django. A .pth file adds
 * .venv's site-packages (Django, uvicorn) behind the venv's own, where the probe is installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../main/django/python-env.ts';
import { PythonServer, untilServing } from '../../../main/django/python-server.ts';
import { freePort } from '../../../main/platform/free-port.ts';
import { readProbeTiming } from '../../../shared/probe-timing.ts';
import { parseServerTiming } from '../../../shared/server-timing.ts';
import { startOnUrl } from '../../../main/url/index.ts';
import { runAndCollect } from '../engine/run-and-collect.ts';

const devPython = join(REPO_ROOT, '.venv', 'bin', 'python');
const probeDir = join(REPO_ROOT, 'main', 'django', 'python');
const quiet = { PIP_CONFIG_FILE: devNull, PYTHONDONTWRITEBYTECODE: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1' };

/** The user's project: a settings file, an async and a def view, asgi.py wrapped in the probe. */
const ownProject = join(REPO_ROOT, 'tests', 'fixtures', 'own-django-project');

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
  cpSync(ownProject, project, { recursive: true });
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
  assert.equal(reportProbe.interface, 'asgi');

  // A URL run at the project: its real threads become lanes, placed on our clock.
  const c = await runAndCollect(
    {
      target: { kind: 'url', requests: [{ url: `${base}/slow` }, { url: `${base}/report` }] },
      server: { model: 'async' },
      endpoints: [{ name: 'unused', view: 'async', steps: [] }],
      load: { model: 'closed', concurrency: 4, end: { kind: 'requests', count: 24 } },
      seed: 3,
    },
    undefined,
    { runner: startOnUrl },
  );
  assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
  const loops = c.lanes.filter((l) => l.kind === 'loop');
  const executors = c.lanes.filter((l) => l.kind === 'executor');
  assert.equal(loops.length, 1, c.lanes.map((l) => l.name).join(', '));
  assert.match(loops[0].name, /^event loop \(pid \d+\)$/);
  assert.ok(executors.length >= 1, 'the def view ran on sync_to_async threads');
  const slack = c.outcome.clockSkewMs * 1000 + 1;
  for (const r of c.requests) {
    const at = `request ${r.id} (clock error ${c.outcome.clockSkewMs} ms): ${JSON.stringify(r)}`;
    assert.ok(r.accepted !== null && r.responded !== null, at);
    assert.ok(r.requestStart! - slack <= r.accepted && r.responded <= r.firstByte! + slack, at);
    const running = c.spans.filter((s) => s.req === r.id && s.phase === 'running');
    // /report (endpoint 1) runs on an executor thread; /slow only awaits on the loop.
    assert.equal(running.length, r.endpoint === 1 ? 1 : 0, at);
    for (const s of running) {
      assert.ok(
        executors.some((l) => l.id === s.lane),
        at,
      );
      assert.ok(s.end - s.start >= 10_000, `${at}: ran ${(s.end - s.start) / 1000} ms`);
    }
  }
});

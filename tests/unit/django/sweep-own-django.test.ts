/**
 * `interleave sweep --url` at real Django, as a user points it at their own project
 * (tests/fixtures/own-django-project, the probe added by hand): an `async def` view that calls
 * time.sleep(0.05) under uvicorn serves about one request at a time; one that awaits
 * asyncio.sleep(0.05) overlaps freely; a `def` view that sleeps 100 ms on gunicorn's 4 sync
 * workers serves about 4 (at 10 ms a loaded machine's per-connection overhead blurred it to 3).
 * Each server is started on 127.0.0.1 and stopped by its process group id, whatever happens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../main/django/python-env.ts';
import { PythonServer, untilServing } from '../../../main/django/python-server.ts';
import { PROBE_PARENT_DIR } from '../../../main/django/project/write-django-project.ts';
import { freePort } from '../../../main/platform/free-port.ts';
import { runCli } from '../hardening/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'interleave-sweep-django-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const project = join(dir, 'project');
cpSync(join(REPO_ROOT, 'tests', 'fixtures', 'own-django-project'), project, { recursive: true });
const python = join(REPO_ROOT, '.venv', 'bin', 'python');

/** The project served by `args` (after `-m`), on a free port; its base URL once it answers. */
async function serve(t: { after(fn: () => unknown): void }, args: (port: number) => string[]): Promise<string> {
  const port = await freePort();
  const server = new PythonServer(['-m', ...args(port)], {
    python,
    projectDir: project,
    pythonPath: [PROBE_PARENT_DIR],
    port,
    env: { DJANGO_SETTINGS_MODULE: 'usersite.settings' },
  });
  t.after(() => server.stop());
  const base = `http://127.0.0.1:${port}`;
  await untilServing(server, `${base}/__interleave__/clock`);
  return base;
}

const uvicorn = (port: number) =>
  ['uvicorn', 'usersite.asgi:application', '--host', '127.0.0.1', '--port', String(port)].concat([
    '--loop',
    'asyncio',
    '--http',
    'h11',
    '--no-access-log',
  ]);

async function sweep(url: string, to: number): Promise<string> {
  const r = await runCli(['sweep', '--url', url, '--to', String(to), '--db', join(dir, 'runs.db')]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

test('uvicorn: time.sleep in async def serves about 1 at a time; an awaiting view overlaps freely', async (t) => {
  const base = await serve(t, uvicorn);
  const blocking = await sweep(`${base}/blocking`, 8);
  assert.match(
    blocking,
    /Serves about 1 request at a time while each takes [\d.]+ ms alone: something blocks the event loop/,
    blocking,
  );
  const awaiting = await sweep(`${base}/slow`, 16);
  assert.match(awaiting, /Overlaps freely up to 16 users .*: non-blocking \(like `await` in an async view\)/, awaiting);
});

test("gunicorn's 4 sync workers: a def view is served about 4 at a time", async (t) => {
  const base = await serve(t, (port) => [
    'gunicorn',
    'usersite.wsgi:application',
    ...['--bind', `127.0.0.1:${port}`, '--workers', '4', '--worker-class', 'sync', '--no-control-socket'],
  ]);
  const out = await sweep(`${base}/orders`, 16);
  assert.match(out, /Serves about 4 requests at a time while each takes [\d.]+ ms alone/, out);
});

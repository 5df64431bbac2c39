/**
 * Finding Python: the real .venv that `npm run setup:python` makes, and real interpreters behind
 * a fake PATH (a wrapper that starts Python without its site-packages, one that hangs, one that
 * prints something else). No discovery result is mocked; only where it looks is changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discover, discoverDjangoEnvironment, findOnPath, REPO_ROOT } from '../../../main/django/python-env.ts';
import { choosePython } from '../../../shared/django-environment.ts';

const VENV_PYTHON = join(REPO_ROOT, '.venv', 'bin', 'python');

/** The pins of main/django/python/requirements.txt, by lower-case name. */
function pins(): Record<string, string> {
  const text = readFileSync(join(REPO_ROOT, 'main/django/python/requirements.txt'), 'utf8');
  return Object.fromEntries([...text.matchAll(/^([\w.-]+)==(\S+)/gm)].map((m) => [m[1].toLowerCase(), m[2]]));
}

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-pyenv-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function script(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const withoutOverride = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.INTERLEAVE_PYTHON;
  return env;
};

test('the repo .venv is found first, with Django 5.2.17 and the pinned servers, and chosen by default', async () => {
  const env = await discoverDjangoEnvironment({ env: withoutOverride(), refresh: true });
  const venv = env.candidates[0];
  assert.equal(venv.source, 'repo-venv');
  assert.equal(venv.path, VENV_PYTHON);
  assert.equal(venv.problem, null);
  assert.match(venv.python ?? '', /^3\.\d+\.\d+$/);
  const pinned = pins();
  assert.deepEqual(venv.packages, {
    django: '5.2.17',
    asgiref: pinned.asgiref,
    uvicorn: pinned.uvicorn,
    gunicorn: pinned.gunicorn,
    httpx: pinned.httpx,
    psycopg: pinned.psycopg,
    psycopg_pool: venv.packages.psycopg_pool,
  });
  // Not pinned: Debian's python3-psycopg-pool, linked into .venv by npm run setup:python (3.1.x).
  assert.match(venv.packages.psycopg_pool ?? '', /^3\.\d+/, 'psycopg_pool in .venv');
  assert.deepEqual(venv.missing, []);
  assert.equal(venv.ready, true);
  assert.equal(env.ready, true);
  assert.equal(env.problem, null);
  // Whatever else this machine has (Debian's Django 3.2, say), 5.2 is the newest.
  assert.equal(env.candidates[env.chosen!].packages.django, '5.2.17');
  assert.deepEqual(
    env.candidates.map((c) => c.source),
    ['repo-venv', 'PATH', 'system'].filter((s) => env.candidates.some((c) => c.source === s)),
    'discovery order',
  );
});

test('discovery is cached per process; refresh asks again', async () => {
  const options = { env: withoutOverride() };
  const first = discoverDjangoEnvironment(options);
  assert.equal(discoverDjangoEnvironment(options), first);
  const again = discoverDjangoEnvironment({ ...options, refresh: true });
  assert.notEqual(again, first);
  assert.deepEqual(await again, await first);
  assert.equal(discoverDjangoEnvironment(options), again);
});

test('INTERLEAVE_PYTHON=/nonexistent is the only candidate: not ready, with a sentence saying so', async () => {
  const env = await discover({ env: { ...process.env, INTERLEAVE_PYTHON: '/nonexistent' } });
  assert.equal(env.candidates.length, 1);
  assert.deepEqual(
    { source: env.candidates[0].source, path: env.candidates[0].path, problem: env.candidates[0].problem },
    { source: 'INTERLEAVE_PYTHON', path: '/nonexistent', problem: 'does not exist' },
  );
  assert.equal(env.ready, false);
  assert.equal(env.chosen, null);
  assert.equal(
    env.problem,
    'INTERLEAVE_PYTHON is /nonexistent, which does not exist; point it at a Python with Django, uvicorn and gunicorn, or unset it to look in .venv and on PATH.',
  );
});

test('no .venv, an empty PATH and no system Python: not ready, naming where it looked', async (t) => {
  const dir = tempDir(t);
  const env = await discover({ env: { PATH: dir }, repoRoot: dir, systemPython: null });
  assert.deepEqual(
    env.candidates.map((c) => [c.source, c.problem]),
    [
      ['repo-venv', 'does not exist'],
      ['PATH', 'is not on PATH'],
    ],
  );
  assert.equal(env.ready, false);
  assert.equal(
    env.problem,
    'No Python was found (tried .venv/bin/python and python3 on PATH); install Python 3, then Django, uvicorn and gunicorn with: python3 -m pip install django uvicorn gunicorn httpx',
  );
});

test('a Python without the packages on a fake PATH: not ready, saying which Python lacks what', async (t) => {
  const dir = tempDir(t);
  // The venv's own interpreter with -S: a real Python that sees no site-packages at all.
  const python3 = script(dir, 'python3', `exec "${VENV_PYTHON}" -S "$@"`);
  const env = await discover({ env: { PATH: dir }, repoRoot: dir, systemPython: null });
  const onPath = env.candidates[1];
  assert.equal(onPath.path, python3);
  assert.match(onPath.python ?? '', /^3\.\d+\.\d+$/);
  assert.deepEqual(onPath.packages, {
    django: null,
    asgiref: null,
    uvicorn: null,
    gunicorn: null,
    httpx: null,
    psycopg: null,
    psycopg_pool: null,
  });
  assert.deepEqual(onPath.missing, ['django', 'uvicorn', 'gunicorn']);
  assert.equal(env.ready, false);
  assert.equal(
    env.problem,
    `No Python with Django, uvicorn and gunicorn was found (${python3}, Python ${onPath.python}, lacks Django, uvicorn and gunicorn); install them with: python3 -m pip install django uvicorn gunicorn httpx`,
  );
});

test('INTERLEAVE_PYTHON may be a command name, looked up on PATH', async (t) => {
  const dir = tempDir(t);
  symlinkSync(VENV_PYTHON, join(dir, 'my-python'));
  const env = await discover({ env: { PATH: dir, INTERLEAVE_PYTHON: 'my-python' }, repoRoot: dir });
  assert.equal(env.candidates.length, 1);
  assert.equal(env.candidates[0].path, join(dir, 'my-python'));
  assert.equal(env.candidates[0].problem, null);
  const missing = await discover({ env: { PATH: dir, INTERLEAVE_PYTHON: 'no-such-python' } });
  assert.equal(
    missing.problem,
    'INTERLEAVE_PYTHON is no-such-python, which is not on PATH; point it at a Python with Django, uvicorn and gunicorn, or unset it to look in .venv and on PATH.',
  );
});

test('a Python that hangs is killed at the timeout and reported; one that prints something else too', async (t) => {
  const dir = tempDir(t);
  const pidFile = join(dir, 'pid');
  // The fake PATH has no sleep: name it in full.
  const sleep = findOnPath('sleep', process.env.PATH);
  const hanging = script(dir, 'hangs', `echo $$ > "${pidFile}"\nexec ${sleep} 30`);
  t.after(() => {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    } catch {
      // Already gone, as it should be.
    }
  });
  const env = await discover({ env: { PATH: dir, INTERLEAVE_PYTHON: hanging }, timeoutMs: 300 });
  assert.equal(env.candidates[0].problem, 'did not answer within 0.3 s');
  assert.equal(
    env.problem,
    `INTERLEAVE_PYTHON is ${hanging}, which did not answer within 0.3 s; point it at a Python with Django, uvicorn and gunicorn, or unset it to look in .venv and on PATH.`,
  );
  assert.throws(() => process.kill(Number(readFileSync(pidFile, 'utf8')), 0), { code: 'ESRCH' }, 'it was killed');

  const chatty = script(dir, 'chatty', 'echo hello');
  const said = await discover({ env: { PATH: dir, INTERLEAVE_PYTHON: chatty } });
  assert.equal(said.candidates[0].problem, 'answered "hello", not its versions');
  const failing = script(dir, 'failing', 'echo "ImportError: broken" >&2; exit 3');
  const failed = await discover({ env: { PATH: dir, INTERLEAVE_PYTHON: failing } });
  assert.equal(failed.candidates[0].problem, 'exited with code 3: ImportError: broken');
});

test('two paths to the same environment are one candidate', async (t) => {
  const dir = tempDir(t);
  // The interpreter the venv was made from, outside the venv: once on PATH, once as "the system's".
  const base = realpathSync(VENV_PYTHON);
  symlinkSync(base, join(dir, 'python3'));
  const env = await discover({ env: { PATH: dir }, repoRoot: dir, systemPython: base });
  assert.deepEqual(
    env.candidates.map((c) => c.source),
    ['repo-venv', 'PATH'],
    'the system Python is the one already found on PATH',
  );
});

test('choosePython on the real environment picks by Django version, with a sentence when none matches', async () => {
  const env = await discoverDjangoEnvironment({ env: withoutOverride() });
  const chosen = choosePython(env, '5.2');
  assert.ok(chosen.ok);
  assert.equal(chosen.candidate.path, VENV_PYTHON);
  const newest = choosePython(env, 'newest');
  assert.ok(newest.ok);
  assert.equal(newest.candidate.packages.django, '5.2.17');
  const none = choosePython(env, '9.9');
  assert.equal(none.ok, false);
  assert.match(
    !none.ok ? none.reason : '',
    new RegExp(
      `^No Python with Django 9\\.9 was found; found Django 5\\.2\\.17 \\(${VENV_PYTHON.replace(/\./g, '\\.')}\\)`,
    ),
  );
});

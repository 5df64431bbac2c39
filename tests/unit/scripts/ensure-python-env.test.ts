/**
 * `npm run setup:python` as a person meets it: the repo's complete .venv (nothing to do), the
 * same without psycopg_pool (Debian's is linked in, alone), a machine without python3, and a python3 whose venv module fails the way Debian's does when
 * python3-venv is not installed. (Making a venv and installing with pip is done by `npm test`
 * itself on every fresh machine; it needs a package index, so it is not repeated here.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

function setup(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, ['scripts/ensure-python-env.js', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-setup-python-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const VENV = join('.venv');
const POOL_LINKS = join(VENV, 'debian-psycopg-pool');

test('the repo .venv with every pin and psycopg_pool: two lines, nothing done', () => {
  const r = setup([]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    'setup:python: .venv has every pinned package (Django 5.2.17, asgiref 3.12.1, uvicorn 0.54.0, gunicorn 26.2.0, httpx 0.28.1, psycopg 3.3.6 on Python ' +
      /on Python (\d+\.\d+\.\d+)\)/.exec(r.stdout)?.[1] +
      '); nothing to do.\n' +
      `setup:python: .venv has psycopg_pool (${resolve(VENV)}/debian-psycopg-pool/psycopg_pool/__init__.py).\n`,
  );
});

test('a .venv without psycopg_pool: Debian’s is linked in, and nothing else of Debian’s shows', () => {
  const python = join(VENV, 'bin', 'python');
  const purelib = execFileSync(python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], {
    encoding: 'utf8',
  }).trim();
  rmSync(POOL_LINKS, { recursive: true, force: true });
  rmSync(join(purelib, 'interleave-debian-psycopg-pool.pth'), { force: true });
  const r = setup([]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /\nsetup:python: linked Debian's psycopg_pool \(\/usr\/lib\/python3\/dist-packages\/psycopg_pool\) into \.venv\.\n$/,
  );
  const [pkg, ...metadata] = readdirSync(POOL_LINKS).sort();
  assert.equal(pkg, 'psycopg_pool');
  assert.ok(metadata.length === 1 && /^psycopg_pool-[\d.]+\.dist-info$/.test(metadata[0]), metadata.join(', '));
  // The venv's own Django and psycopg still win over Debian's (3.2.x and 3.1.x in dist-packages).
  const seen = JSON.parse(
    execFileSync(
      python,
      [
        '-c',
        'import json, sys, django, psycopg, psycopg_pool; print(json.dumps([django.__version__, psycopg.__version__, psycopg_pool.__version__, [p for p in sys.path if "dist-packages" in p]]))',
      ],
      { encoding: 'utf8' },
    ),
  );
  assert.deepEqual(seen.slice(0, 2), ['5.2.17', '3.3.6']);
  assert.match(seen[2], /^3\.\d+/);
  assert.deepEqual(seen[3], [], 'no folder of Debian’s on sys.path');
});

test('no python3 on PATH: exit 1 with what to install, and no venv made', (t) => {
  const dir = tempDir(t);
  const venv = join(dir, '.venv');
  const r = setup(['--venv', venv], { PATH: dir });
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /setup:python: python3 was not found \(or does not run\): install Python 3 \(Debian or Ubuntu: sudo apt-get install python3 python3-venv\), then run npm run setup:python again\.\n$/,
  );
  assert.equal(existsSync(venv), false);
});

test('a python3 without its venv module (Debian without python3-venv): exit 1 naming the package', (t) => {
  const dir = tempDir(t);
  const real = realpathSync(join('.venv', 'bin', 'python'));
  // Answers like a real python3, except `-m venv`, which fails with the words Debian's prints.
  writeFileSync(
    join(dir, 'python3'),
    `#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  echo "The virtual environment was not created successfully because ensurepip is not" >&2
  echo "available.  On Debian/Ubuntu systems, you need to install the python3-venv package." >&2
  exit 1
fi
exec "${real}" "$@"
`,
  );
  chmodSync(join(dir, 'python3'), 0o755);
  const r = setup(['--venv', join(dir, '.venv')], { PATH: dir });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^setup:python: creating .*\.venv with python3 -m venv \(Python \d+\.\d+\.\d+\)…$/m);
  assert.match(r.stderr, /ensurepip is not/);
  assert.match(
    r.stderr,
    /setup:python: python3 -m venv failed: this Python has no venv module \(Debian and Ubuntu ship it apart\): sudo apt-get install python3-venv, then run npm run setup:python again\.\n$/,
  );
});

/**
 * `interleave doctor`: the wording on reports written out by hand, then the real command in a
 * child process, on this machine's Pythons and with INTERLEAVE_PYTHON pointing nowhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { formatDoctorReport, SECOND_VERSION_HINT, SETUP_HINT } from '../../../main/cli/doctor-report.ts';
import type { DjangoEnvironment, PythonCandidate } from '../../../shared/django-environment.ts';
import { PINNED_PYTHON_PACKAGES } from '../../fixtures/pinned-python-packages.ts';

function interleave(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, ['bin/interleave.js', ...args], { encoding: 'utf8', timeout: 60_000, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const withoutOverride = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.INTERLEAVE_PYTHON;
  return env;
};

const venv: PythonCandidate = {
  source: 'repo-venv',
  path: '/repo/.venv/bin/python',
  problem: null,
  python: '3.11.7',
  packages: PINNED_PYTHON_PACKAGES,
  missing: [],
  ready: true,
};
const debian: PythonCandidate = {
  source: 'system',
  path: '/usr/bin/python3',
  problem: null,
  python: '3.11.2',
  packages: {
    django: '3.2.25',
    asgiref: '3.6.0',
    uvicorn: '0.17.6',
    gunicorn: null,
    httpx: null,
    psycopg: null,
    psycopg_pool: null,
  },
  missing: ['gunicorn'],
  ready: false,
};
const machine = { node: 'v20.20.2', platform: 'linux', arch: 'x64', cores: 2 };

test('a ready machine: each Python with its versions, the default starred, what runs use', () => {
  const python: DjangoEnvironment = { candidates: [venv, debian], chosen: 0, ready: true, problem: null };
  assert.deepEqual(formatDoctorReport({ ...machine, python }), [
    'Node      v20.20.2',
    'Platform  linux x64, 2 cores',
    '',
    'Python for real Django, in the order tried (* = used by default):',
    '  * .venv   /repo/.venv/bin/python  Python 3.11.7  Django 5.2.17  asgiref 3.12.1  uvicorn 0.54.0  gunicorn 26.2.0  httpx 0.28.1  psycopg 3.3.6  psycopg_pool 3.1.5',
    '    system  /usr/bin/python3        Python 3.11.2  Django 3.2.25  asgiref 3.6.0  uvicorn 0.17.6  no gunicorn',
    '',
    'Real Django: ready. Runs use Django 5.2.17 · uvicorn 0.54.0 · gunicorn 26.2.0 · Python 3.11.7 (/repo/.venv/bin/python).',
    SECOND_VERSION_HINT,
  ]);
});

test('Django’s connection pool: ready with PostgreSQL and both packages; otherwise what is missing', () => {
  const python: DjangoEnvironment = { candidates: [venv], chosen: 0, ready: true, problem: null };
  const ready = formatDoctorReport({
    ...machine,
    python,
    postgres: { bindir: '/usr/lib/postgresql/15/bin', problem: null },
  });
  assert.equal(
    ready.at(-2),
    "Django's connection pool (dbPool): ready. PostgreSQL's server programs in /usr/lib/postgresql/15/bin; psycopg 3.3.6, psycopg_pool 3.1.5.",
  );
  const bare = { ...venv, packages: { ...venv.packages, psycopg_pool: null } };
  const missing = formatDoctorReport({
    ...machine,
    python: { ...python, candidates: [bare] },
    postgres: { bindir: null, problem: 'PostgreSQL was not found' },
  });
  assert.match(
    missing.at(-2) ?? '',
    /^Django's connection pool \(dbPool\): not available\. PostgreSQL was not found; and \/repo\/\.venv\/bin\/python lacks psycopg_pool; install with: python3 -m pip install psycopg psycopg-pool \(in a checkout on Debian or Ubuntu: sudo apt-get install python3-psycopg-pool libpq5/,
  );
});

test('a machine without a usable Python: the sentence, then how to set one up', () => {
  const missing: PythonCandidate = { ...venv, problem: 'does not exist', python: null, ready: false };
  const python: DjangoEnvironment = {
    candidates: [missing, debian],
    chosen: null,
    ready: false,
    problem: 'No Python with Django, uvicorn and gunicorn was found (…)',
  };
  const lines = formatDoctorReport({ ...machine, cores: 1, python });
  assert.equal(lines[1], 'Platform  linux x64, 1 core');
  assert.equal(lines[4], '    .venv   /repo/.venv/bin/python  does not exist');
  assert.deepEqual(lines.slice(-2), [
    'Real Django: not available. No Python with Django, uvicorn and gunicorn was found (…)',
    SETUP_HINT,
  ]);
});

test('doctor --json on this machine: Node, cores, and the .venv with Django 5.2.17 chosen', () => {
  const r = interleave(['doctor', '--json'], withoutOverride());
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1, 'exactly one JSON object');
  const report = JSON.parse(lines[0]);
  assert.equal(report.node, process.version);
  assert.equal(report.platform, process.platform);
  assert.equal(report.cores, availableParallelism());
  assert.equal(report.python.ready, true);
  assert.equal(report.python.candidates[report.python.chosen].source, 'repo-venv');
  assert.equal(report.python.candidates[report.python.chosen].packages.django, '5.2.17');
  // This machine runs the pool's real-Django tests: PostgreSQL's server programs are here.
  assert.equal(report.postgres.problem, null);
  assert.match(report.postgres.bindir, /\/(usr\/lib\/postgresql\/\d+\/bin|bin)$/);
});

test('doctor with INTERLEAVE_PYTHON=/nonexistent says why real Django cannot run, and still exits 0', () => {
  const r = interleave(['doctor'], { ...process.env, INTERLEAVE_PYTHON: '/nonexistent' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Node {6}v\d+\.\d+\.\d+$/m);
  assert.match(r.stdout, /^ {4}INTERLEAVE_PYTHON {2}\/nonexistent {2}does not exist$/m);
  assert.match(
    r.stdout,
    /^Real Django: not available\. INTERLEAVE_PYTHON is \/nonexistent, which does not exist; point it at a Python/m,
  );
  assert.ok(r.stdout.includes(SETUP_HINT));
});

test('doctor with bad flags exits 2', () => {
  for (const args of [
    ['doctor', '--bogus'],
    ['doctor', 'extra'],
    ['doctor', '--json=yes'],
  ]) {
    const r = interleave(args, withoutOverride());
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^interleave: /);
  }
});

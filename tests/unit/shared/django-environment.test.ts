/** Choosing a Python by Django version, on environments written out by hand (two Djangos, ties, none). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  choosePython,
  compareVersions,
  describeVersions,
  djangoSeries,
  majorMinor,
  type DjangoEnvironment,
  type PythonCandidate,
} from '../../../shared/django-environment.ts';

function python(path: string, django: string | null, source: PythonCandidate['source'] = 'PATH'): PythonCandidate {
  const ready = django !== null;
  return {
    source,
    path,
    problem: null,
    python: '3.11.2',
    packages: {
      django,
      asgiref: ready ? '3.6.0' : null,
      uvicorn: ready ? '0.17.6' : null,
      gunicorn: ready ? '20.1.0' : null,
      httpx: null,
      psycopg: null,
      psycopg_pool: null,
    },
    missing: ready ? [] : ['django', 'uvicorn', 'gunicorn'],
    ready,
  };
}

const env = (...candidates: PythonCandidate[]): DjangoEnvironment => ({
  candidates,
  chosen: null,
  ready: candidates.some((c) => c.ready),
  problem: candidates.some((c) => c.ready) ? null : 'No Python with Django, uvicorn and gunicorn was found.',
});

const two = env(
  python('/usr/bin/python3', '3.2.25', 'system'),
  python('/none', null),
  python('/venv/python', '5.2.17', 'repo-venv'),
);

test('newest takes the newest Django wherever it stands; a version takes the first with that major.minor', () => {
  const newest = choosePython(two, 'newest');
  assert.ok(newest.ok);
  assert.deepEqual([newest.index, newest.candidate.path], [2, '/venv/python']);
  const old = choosePython(two, '3.2');
  assert.ok(old.ok);
  assert.deepEqual([old.index, old.candidate.path], [0, '/usr/bin/python3']);
  const five = choosePython(two, '5.2');
  assert.ok(five.ok && five.candidate.path === '/venv/python');
});

test('on a tie the earlier candidate wins', () => {
  const tie = env(python('/a', '5.2.17'), python('/b', '5.2.17'));
  const chosen = choosePython(tie, 'newest');
  assert.ok(chosen.ok && chosen.candidate.path === '/a');
  assert.ok(choosePython(tie, '5.2').ok);
});

test('no matching version: a sentence naming what was asked, what was found and how to get it', () => {
  const none = choosePython(two, '4.2');
  assert.deepEqual(none, {
    ok: false,
    reason:
      'No Python with Django 4.2 was found; found Django 3.2.25 (/usr/bin/python3), Django 5.2.17 (/venv/python). Choose one of those versions (or newest), or install it beside uvicorn and gunicorn (python3 -m pip install "django==4.2.*" uvicorn gunicorn httpx) and point INTERLEAVE_PYTHON at that Python.',
  });
  const noOld = choosePython(env(python('/venv/python', '5.2.17')), '3.2');
  assert.equal(noOld.ok, false);
  assert.match(!noOld.ok ? noOld.reason : '', /apt-get install python3-django python3-uvicorn gunicorn/);
});

test('an environment that is not ready answers with its own sentence', () => {
  const notReady = env(python('/none', null));
  assert.deepEqual(choosePython(notReady, 'newest'), { ok: false, reason: notReady.problem });
});

test('versions: major.minor, numeric comparison, the line the UI shows, the series found', () => {
  assert.equal(majorMinor('5.2.17'), '5.2');
  assert.equal(majorMinor('10.0a1'), '10.0');
  assert.equal(majorMinor(null), null);
  assert.equal(majorMinor('dev'), null);
  assert.ok(compareVersions('5.10.0', '5.2.17') > 0);
  assert.ok(compareVersions('3.2.25', '3.2.3') > 0);
  assert.equal(compareVersions('5.2', '5.2.0'), 0);
  assert.equal(describeVersions(two.candidates[0]), 'Django 3.2.25 · uvicorn 0.17.6 · gunicorn 20.1.0 · Python 3.11.2');
  assert.deepEqual(djangoSeries(two), ['5.2', '3.2']);
  assert.deepEqual(djangoSeries(env(python('/none', null))), []);
});

/** "Target": what the control offers for each environment, and the runs Run starts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DjangoEnvironment, PythonCandidate } from '../../../../shared/django-environment.ts';
import { PRESETS } from '../../../../shared/presets.ts';
import { scenarioSchema } from '../../../../shared/scenario.ts';
import {
  DEFAULT_RUN_ON,
  effectiveChoice,
  remoteConfirmation,
  urlFieldProblem,
  planRuns,
  runOnAvailability,
  type RunOnChoice,
} from '../../../../renderer/src/scenario/run-on.ts';
import { PINNED_PYTHON_PACKAGES } from '../../../fixtures/pinned-python-packages.ts';

const candidate = (path: string, django: string, python: string): PythonCandidate => ({
  source: 'PATH',
  path,
  problem: null,
  python,
  packages: { ...PINNED_PYTHON_PACKAGES, django },
  missing: [],
  ready: true,
});
const ready: DjangoEnvironment = {
  candidates: [candidate('/venv/python', '5.2.17', '3.11.7'), candidate('/usr/bin/python3', '3.2.25', '3.11.2')],
  chosen: 0,
  ready: true,
  problem: null,
};
const notReady: DjangoEnvironment = {
  candidates: [],
  chosen: null,
  ready: false,
  problem: 'INTERLEAVE_PYTHON is /nonexistent, which does not exist; point it at a Python …',
};

test('ready: real Django can be picked; the line names the versions of the Django asked for', () => {
  assert.deepEqual(runOnAvailability(ready, null, 'newest'), {
    djangoEnabled: true,
    pending: false,
    reason: null,
    versions: 'Django 5.2.17 · uvicorn 0.54.0 · gunicorn 26.2.0 · Python 3.11.7',
    djangoLabel: 'Django 5.2.17',
    series: ['5.2', '3.2'],
  });
  assert.equal(runOnAvailability(ready, null, '3.2').djangoLabel, 'Django 3.2.25');
  assert.equal(runOnAvailability(ready, null, '4.2').djangoLabel, 'Django 5.2.17', 'a version not found: newest');
});

test('not ready, still looking, or the call failed: disabled, with a sentence', () => {
  const off = runOnAvailability(notReady, null, 'newest');
  assert.equal(off.djangoEnabled, false);
  assert.equal(off.reason, notReady.problem);
  assert.equal(off.versions, null);
  assert.deepEqual(
    [runOnAvailability(undefined, null, 'newest').reason, runOnAvailability(undefined, null, 'newest').pending],
    ['Looking for Python…', true],
  );
  assert.equal(
    runOnAvailability(undefined, 'socket closed', 'newest').reason,
    'Could not look for Python: socket closed',
  );
});

test('the choice in force falls back to the model while real Django cannot run', () => {
  const both: RunOnChoice = { ...DEFAULT_RUN_ON, runOn: 'both' };
  assert.deepEqual(effectiveChoice(both, runOnAvailability(ready, null, 'newest')), both);
  assert.deepEqual(effectiveChoice(both, runOnAvailability(notReady, null, 'newest')), {
    ...DEFAULT_RUN_ON,
    runOn: 'model',
  });
  const url: RunOnChoice = { ...DEFAULT_RUN_ON, runOn: 'url' };
  assert.deepEqual(effectiveChoice(url, runOnAvailability(notReady, null, 'newest')), url, 'a URL needs no Python');
});

const scenario = scenarioSchema.parse(PRESETS[0].scenario);

test('the runs Run starts: model, real Django, or both (model first), each with its target and name', () => {
  assert.deepEqual(
    planRuns(scenario, { ...DEFAULT_RUN_ON, runOn: 'model' }, 'Django 5.2.17').map((r) => [r.scenario.target, r.name]),
    [[{ kind: 'model' }, undefined]],
  );
  assert.deepEqual(
    planRuns(scenario, { ...DEFAULT_RUN_ON, runOn: 'django', django: '3.2' }, 'Django 3.2.25').map((r) => [
      r.scenario.target,
      r.name,
    ]),
    [[{ kind: 'django', django: '3.2' }, `${scenario.name} · Django 3.2.25`]],
  );
  const both = planRuns(scenario, { ...DEFAULT_RUN_ON, runOn: 'both' }, 'Django 5.2.17');
  assert.deepEqual(
    both.map((r) => [r.scenario.target, r.name]),
    [
      [{ kind: 'model' }, `${scenario.name} · model`],
      [{ kind: 'django', django: 'newest' }, `${scenario.name} · Django 5.2.17`],
    ],
  );
  // Apart from the target, both runs are the same scenario, and each is one the host accepts.
  assert.deepEqual({ ...both[0].scenario, target: null }, { ...both[1].scenario, target: null });
  for (const run of both) assert.ok(scenarioSchema.safeParse(run.scenario).success);
});

test('run names stay within 120 characters: a long scenario name gives way to the suffix', () => {
  const long = { ...scenario, name: 'x'.repeat(120) };
  const [model, django] = planRuns(long, { ...DEFAULT_RUN_ON, runOn: 'both' }, 'Django 5.2.17');
  assert.equal(model.name!.length, 120);
  assert.ok(model.name!.endsWith('… · model'));
  assert.equal(django.name!.length, 120);
  assert.ok(django.name!.endsWith('… · Django 5.2.17'));
});

test('a URL run: one run to the method and URL typed, named after them, with the hosts confirmed', () => {
  const choice: RunOnChoice = {
    ...DEFAULT_RUN_ON,
    runOn: 'url',
    method: 'POST',
    url: 'http://127.0.0.1:8000/api/items',
  };
  const [run, ...rest] = planRuns(scenario, choice, 'Django 5.2.17');
  assert.equal(rest.length, 0);
  assert.equal(run.name, 'POST http://127.0.0.1:8000/api/items');
  assert.deepEqual(run.scenario.target, {
    kind: 'url',
    requests: [{ method: 'POST', url: 'http://127.0.0.1:8000/api/items', headers: {}, weight: 1 }],
    allowRemote: [],
  });
  assert.deepEqual({ ...run.scenario, target: null }, { ...scenario, target: null }, 'the load is the settings');
  assert.ok(scenarioSchema.safeParse(run.scenario).success);
  const remote = planRuns(scenario, { ...choice, url: 'https://api.example.com/x' }, null, ['api.example.com']);
  assert.deepEqual((remote[0].scenario.target as { allowRemote: string[] }).allowRemote, ['api.example.com']);
});

test('the URL field: a bad value is named with what is allowed; the question before a remote host names it', () => {
  assert.equal(urlFieldProblem('http://127.0.0.1:8000/'), null);
  assert.equal(
    urlFieldProblem('127.0.0.1:8000/api'),
    'URL is "127.0.0.1:8000/api"; allowed an absolute http:// or https:// URL such as http://127.0.0.1:8000/api/items',
  );
  assert.equal(
    urlFieldProblem('file:///etc/passwd'),
    'URL is "file:///etc/passwd"; allowed an absolute http:// or https:// URL such as http://127.0.0.1:8000/api/items',
  );
  assert.equal(urlFieldProblem(`http://x/${'a'.repeat(2000)}`), 'URL is 2009 characters long; allowed at most 2000');
  assert.equal(
    remoteConfirmation(['api.example.com']),
    "Send this run's load to api.example.com? It is not this machine (127.0.0.0/8, ::1, localhost). Load only a server you may load.",
  );
});

// The run JSON with the client's phases and Server-Timing metrics: they survive export → import
// exactly, a file from before they existed still imports (a fixture written then, kept as text),
// and metrics beyond the bounds a request keeps are refused with a sentence naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseRunJson, runToJson } from '../../../../shared/report/json.ts';
import { clientPhases } from '../../../../shared/client-phases.ts';
import { computeSummary } from '../../../../shared/analysis/summary.ts';
import { ValidationError } from '../../../../shared/validation.ts';
import { blockedLoopRun } from '../fixtures.ts';
import { requestWithPhases } from '../request-phases-fixture.ts';

const withPhases = () => {
  const doc = blockedLoopRun('With phases');
  return { ...doc, requests: doc.requests.map((r) => requestWithPhases(r.id, r.conn)) };
};

test('phases and Server-Timing metrics round-trip exactly through the run JSON', () => {
  const doc = withPhases();
  const back = parseRunJson(runToJson(doc));
  assert.deepStrictEqual(back.requests, doc.requests);
  assert.equal(back.requests[3].serverTimingDropped, 4);
  assert.deepEqual(
    clientPhases(back.requests[0]).map((p) => p.id),
    ['blocked', 'connect', 'tls', 'send', 'wait', 'receive'],
  );
});

test('a run exported before the client phases existed still imports, unchanged but for new settings at their defaults', () => {
  const text = readFileSync(new URL('fixtures/run-before-client-phases.json', import.meta.url), 'utf8');
  const doc = parseRunJson(text);
  assert.equal(doc.info.name, 'Exported before the client phases');
  assert.equal(doc.requests.length, 10);
  for (const r of doc.requests) {
    assert.deepEqual(clientPhases(r), [], `request ${r.id} has no phases`);
    assert.equal(r.serverTiming, undefined);
  }
  assert.deepStrictEqual(computeSummary(doc), doc.info.summary);
  // Server settings added since (gthread's threads, uvicorn's --limit-concurrency and --backlog,
  // gunicorn's --timeout, DJANGO_ALLOW_ASYNC_UNSAFE, Django's own Python) come back at their real
  // defaults; everything else exports as it was.
  const before = JSON.parse(text);
  const settingsAddedSince = {
    threads: 1,
    limitConcurrency: null,
    backlog: 2048,
    workerTimeoutS: 30,
    allowAsyncUnsafe: false,
    frameworkPython: true,
  };
  before.scenario.server = { ...before.scenario.server, ...settingsAddedSince };
  assert.deepStrictEqual(JSON.parse(runToJson(doc)), before, 'and exports as it was');
});

test('more metrics than a request keeps, or an overlong name, are refused with the field named', () => {
  const tooMany = withPhases();
  tooMany.requests[0].serverTiming = Array.from({ length: 17 }, (_, i) => ({ name: `m${i}`, dur: i, desc: null }));
  const longName = withPhases();
  longName.requests[0].serverTiming = [{ name: 'x'.repeat(65), dur: 1, desc: null }];
  for (const [doc, field] of [
    [tooMany, /`requests\[0\]\.serverTiming` is a list of 17; allowed at most 16 items/],
    [longName, /`requests\[0\]\.serverTiming\[0\]\.name` is "x+…"; allowed at most 64 characters/],
  ] as const) {
    assert.throws(
      () => parseRunJson(runToJson(doc)),
      (e: unknown) => e instanceof ValidationError && field.test(e.message),
    );
  }
});

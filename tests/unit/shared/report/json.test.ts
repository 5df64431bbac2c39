import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRunJson, runToJson } from '../../../../shared/report/json.ts';
import { renderChromeTrace } from '../../../../shared/report/chrome-trace.ts';
import { PRESETS } from '../../../../shared/presets.ts';
import type { RunDocument } from '../../../../shared/run.ts';
import { scenarioSchema } from '../../../../shared/scenario.ts';
import { ValidationError } from '../../../../shared/validation.ts';
import { arbRunRecords, blockedLoopRun, gatherOffloadRun, syncWorkersRun } from '../fixtures.ts';
import { computeSummary } from '../../../../shared/analysis/summary.ts';

test('export → import gives back the same run, and the same text', () => {
  for (const doc of [blockedLoopRun(), syncWorkersRun(), gatherOffloadRun()]) {
    const text = runToJson(doc);
    const back = parseRunJson(text);
    assert.deepStrictEqual(back, doc);
    assert.equal(runToJson(back), text);
    assert.deepStrictEqual(computeSummary(back), computeSummary(doc), 'same numbers after import');
  }
});

test('any well-formed run round-trips exactly', () => {
  const scenarios = PRESETS.map((p) => scenarioSchema.parse(p.scenario));
  fc.assert(
    fc.property(
      arbRunRecords(),
      fc.constantFrom(...scenarios),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('complete', 'stopped', 'interrupted'),
      (records, scenario, name, status) => {
        const doc: RunDocument = {
          format: 'interleave-run',
          version: 1,
          info: {
            id: 3,
            name,
            status,
            createdAt: '2026-01-02T03:04:05.678Z',
            scenarioName: scenario.name,
            summary: null,
            recordedRequests: records.requests.length,
            error: null,
            cores: 4,
          },
          scenario,
          ...records,
          lanes: [...records.lanes],
        };
        assert.deepStrictEqual(parseRunJson(runToJson(doc)), doc);
      },
    ),
    { numRuns: 60 },
  );
});

function problems(text: string): string[] {
  try {
    parseRunJson(text);
  } catch (e) {
    assert.ok(e instanceof ValidationError, `expected a ValidationError, got ${String(e)}`);
    return e.problems;
  }
  assert.fail('the import was accepted');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test edits arbitrary JSON on purpose
const edit = (f: (doc: Record<string, any>) => void) => {
  const doc = JSON.parse(runToJson(syncWorkersRun()));
  f(doc);
  return JSON.stringify(doc);
};

test('refuses text that is not JSON, naming the cause', () => {
  assert.match(problems('{"format": "interleave-run", ')[0], /is not JSON/);
  assert.match(problems('<!doctype html><html>')[0], /looks like HTML/);
  assert.match(problems('[1, 2]')[0], /not an object/);
});

test('refuses another format or version with a sentence that says which', () => {
  assert.match(problems(renderChromeTrace(syncWorkersRun()))[0], /Chrome trace export/);
  assert.match(problems('{"format": "har"}')[0], /not an Interleave run: "format" is "har"/);
  assert.match(problems(edit((d) => (d.version = 2)))[0], /newer Interleave \(format version 2\)/);
  assert.match(problems(edit((d) => delete d.version))[0], /format version missing/);
});

test('names missing fields, bad numbers and unknown fields by their path', () => {
  assert.ok(problems(edit((d) => delete d.info.createdAt)).some((p) => p.includes('`info.createdAt` is missing')));
  assert.ok(
    problems(edit((d) => (d.requests[3].sent = -5))).some((p) =>
      p.includes('`requests[3].sent` is -5; allowed at least 0'),
    ),
  );
  assert.ok(
    problems(edit((d) => (d.requests[0].status = 'ok'))).some((p) =>
      p.includes('`requests[0].status` is "ok"; expected number'),
    ),
  );
  assert.ok(
    problems(edit((d) => (d.lanes[0].colour = 'red'))).some((p) => p.includes('`lanes[0]` has unknown field `colour`')),
  );
  assert.ok(
    problems(edit((d) => (d.scenario.load.concurrency = 5000))).some((p) =>
      p.includes('`scenario.load.concurrency` is 5000'),
    ),
  );
});

test('checks packed spans: groups of five, known phases, time running forward, lanes that exist', () => {
  assert.ok(problems(edit((d) => d.spans.push(1))).some((p) => p.includes('groups of 5')));
  assert.ok(problems(edit((d) => (d.spans[2] = 42))).some((p) => p.includes('phase code 42')));
  assert.ok(problems(edit((d) => (d.spans[4] = d.spans[3] - 1))).some((p) => /span 0\) runs from/.test(p)));
  assert.ok(problems(edit((d) => (d.spans[1] = 99))).some((p) => p.includes('names lane 99')));
  assert.ok(problems(edit((d) => (d.requests[0].endpoint = 4))).some((p) => p.includes('the scenario has 1 endpoint')));
});

test('a run exported before runs recorded their cores imports with none; a recorded count must be whole', () => {
  const doc = syncWorkersRun();
  const { cores: _cores, ...oldInfo } = doc.info;
  const back = parseRunJson(JSON.stringify({ ...doc, info: oldInfo }));
  assert.equal(back.info.cores, null);
  assert.equal(parseRunJson(runToJson({ ...doc, info: { ...doc.info, cores: 16 } })).info.cores, 16);
  assert.throws(
    () => parseRunJson(runToJson({ ...doc, info: { ...doc.info, cores: 1.5 } })),
    (e: unknown) => e instanceof ValidationError && /info\.cores/.test(e.message),
  );
});

test('a run exported before the error rate: its throughput is recomputed without failures, the rest kept', () => {
  const doc = blockedLoopRun();
  // Two of its ten requests failed: a 500 and one never answered.
  doc.requests[2] = { ...doc.requests[2], status: 500, error: 'boom' };
  doc.requests[5] = { ...doc.requests[5], status: 0, received: null, error: 'connection refused' };
  const current = computeSummary(doc);
  // What the older version stored: no errorRate, and throughput counting every response.
  const { errorRate: _rate, ...legacy } = { ...current, throughputRps: 123.456 };
  const back = parseRunJson(JSON.stringify({ ...doc, info: { ...doc.info, summary: legacy } }));
  assert.deepEqual(back.info.summary, current);
  assert.equal(back.info.summary!.errorRate, 0.2);
});

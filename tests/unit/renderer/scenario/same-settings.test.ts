/**
 * "Other settings than on the left" compares settings, not text: the order keys come in (a
 * stored run's canonical order, the knobs' own) change nothing; a name
 * or a target changes nothing; any real difference is seen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { differentSettings } from '../../../../renderer/src/scenario/same-settings.ts';
import { scenarioSchema, type Scenario } from '../../../../shared/scenario.ts';

const run = scenarioSchema.parse({
  name: 'stored',
  server: { model: 'async', django: '3.2' },
  endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'await', ms: 10 }] }],
  load: { model: 'closed', end: { kind: 'requests', count: 5 } },
});

test('the same settings in another key order, renamed, or run elsewhere: the same', () => {
  const { django, ...rest } = run.server;
  const reordered: Scenario = {
    ...run,
    name: 'on screen',
    target: { kind: 'django', django: 'newest' },
    server: { django, ...rest, allowAsyncUnsafe: false, limitConcurrency: null } as Scenario['server'],
    load: { ...run.load, arrival: run.load.arrival },
  };
  assert.equal(differentSettings(run, reordered), false);
  assert.equal(differentSettings(run, { ...run, seed: run.seed, server: { ...run.server, poolThreads: 4 } }), false);
});

test('a real difference is one', () => {
  assert.equal(differentSettings(run, { ...run, server: { ...run.server, django: '5.2' } }), true);
  assert.equal(differentSettings(run, { ...run, load: { ...run.load, concurrency: 11 } }), true);
  assert.equal(differentSettings(null, run), false);
});

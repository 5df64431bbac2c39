/**
 * The run's story measures a run against What to expect only when the model predicts what ran:
 * a run against your own server (a URL) or imported from k6 or a HAR file never started the
 * scenario's server, so "What to expect said 10 req/s" would describe nothing it did.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runStory } from '../../../../shared/analysis/run-story.ts';
import type { RunDocument } from '../../../../shared/run.ts';
import { blockedLoopRun } from '../fixtures.ts';

/** The time.sleep run, its view said to sleep 10 ms: What to expect predicts ten times what it did. */
function mispredicted(): RunDocument {
  const doc = blockedLoopRun();
  const view = doc.scenario.endpoints[0];
  return { ...doc, scenario: { ...doc.scenario, endpoints: [{ ...view, steps: [{ kind: 'block', ms: 10 }] }] } };
}

test('a run on the model that misses What to expect says so', () => {
  const story = runStory(mispredicted(), 2);
  assert.ok(story.againstExpectation.length > 0, 'the miss is said');
  assert.match(story.againstExpectation[0], /What to expect/);
});

test('a URL run and an imported run are not measured against What to expect', () => {
  const doc = mispredicted();
  const url = {
    kind: 'url' as const,
    requests: [{ method: 'GET' as const, url: 'http://127.0.0.1:1/x', headers: {}, weight: 1 }],
    allowRemote: [],
  };
  for (const target of [url, { kind: 'imported' as const, format: 'k6' as const, file: 'run.json' }]) {
    const story = runStory({ ...doc, scenario: { ...doc.scenario, target } as RunDocument['scenario'] }, 2);
    assert.deepEqual(story.againstExpectation, [], `target ${target.kind}`);
  }
});

/**
 * The theoretical bound against measured runs of the presets: a run never beats what its model
 * allows (beyond clock noise), and lands close to it on an idle machine. The upper tolerance is
 * wide because two cores also run the load generator, the recorder and the test itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { theoreticalBound } from '../../../shared/bounds.ts';
import { findPreset } from '../../../shared/presets.ts';
import { scenarioSchema } from '../../../shared/scenario.ts';
import { runAndCollect } from './run-and-collect.ts';

const PRESETS = [
  'async-await',
  'async-time-sleep',
  'sync-workers',
  'async-view-on-wsgi',
  'async-orm-per-request',
  'async-orm-one-thread',
  'gather-orm-queries',
];

for (const id of PRESETS) {
  test(`${id}: measured makespan and throughput against the bound`, async () => {
    const scenario = scenarioSchema.parse(findPreset(id)!.scenario);
    const bound = theoreticalBound(scenario);
    const { outcome } = await runAndCollect(scenario);
    const s = outcome.summary;
    assert.equal(s.errors, 0);
    const expected = bound.expectedMakespanMs!;
    assert.ok(s.makespanMs >= expected * 0.95, `${s.makespanMs} ms beats the bound's ${expected} ms`);
    assert.ok(s.makespanMs <= expected * 1.6, `${s.makespanMs} ms is far from the bound's ${expected} ms`);
    if (bound.maxThroughputRps !== null) {
      assert.ok(
        s.throughputRps <= bound.maxThroughputRps * 1.05,
        `${s.throughputRps} req/s beats the bound's ${bound.maxThroughputRps}`,
      );
    }
  });
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseSweep } from '../../../../shared/analysis/sweep-analysis.ts';
import { findPreset } from '../../../../shared/presets.ts';
import { applyKnobs } from '../../../../renderer/src/scenario/apply-knobs.ts';
import { knobsFrom, withDefaults } from '../../../../renderer/src/scenario/knobs.ts';
import { knobsForVerdict } from '../../../../renderer/src/scenario/sweep-knobs.ts';

const step = (users: number, rps: number, p50Ms: number) => ({
  users,
  completed: 40,
  errors: 0,
  throughputRps: rps,
  meanMs: (users / rps) * 1000,
  p50Ms,
  p95Ms: p50Ms,
});

test('a plateau at 3 with 42.37 ms alone opens sync-workers with 3 workers blocking 42.4 ms', () => {
  const { verdict } = analyseSweep([1, 2, 4, 8].map((n) => step(n, (1000 / 42.37) * Math.min(n, 3), 42.37)));
  assert.equal(verdict.presetId, 'sync-workers');
  const base = withDefaults(findPreset('sync-workers')!.scenario);
  const scenario = applyKnobs(base, knobsForVerdict(knobsFrom(base), verdict));
  assert.equal(scenario.server.workers, 3);
  assert.deepEqual(scenario.endpoints[0].steps, [{ kind: 'block', ms: 42.4 }]);
});

test('one at a time opens async-time-sleep with the measured latency; its workers are left alone', () => {
  const { verdict } = analyseSweep([1, 2, 4].map((n) => step(n, 8, 125)));
  assert.equal(verdict.presetId, 'async-time-sleep');
  const base = withDefaults(findPreset('async-time-sleep')!.scenario);
  const knobs = knobsForVerdict(knobsFrom(base), verdict);
  assert.equal(knobs.workers, base.server.workers);
  assert.deepEqual(applyKnobs(base, knobs).endpoints[0].steps, [{ kind: 'block', ms: 125 }]);
});

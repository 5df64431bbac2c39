import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseSweep } from '../../../../shared/analysis/sweep-analysis.ts';
import { findPreset } from '../../../../shared/presets.ts';
import { applyKnobs } from '../../../../renderer/src/scenario/apply-knobs.ts';
import { knobsFrom, withDefaults } from '../../../../renderer/src/scenario/knobs.ts';
import { knobsForVerdict, sweepToProblem } from '../../../../renderer/src/scenario/sweep-knobs.ts';
import { MAX_SWEEP_USERS } from '../../../../shared/sweep.ts';

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

test('the sweep’s "to" field is refused as typed, never rounded or brought into range', () => {
  assert.equal(sweepToProblem('1'), null);
  assert.equal(sweepToProblem('64'), null);
  assert.equal(sweepToProblem(String(MAX_SWEEP_USERS)), null);
  const allowed = `allowed a whole number of users from 1 to ${MAX_SWEEP_USERS}`;
  assert.equal(sweepToProblem('0'), `Sweep to is "0"; ${allowed}`);
  assert.equal(sweepToProblem('2.5'), `Sweep to is "2.5"; ${allowed}`);
  assert.equal(sweepToProblem(String(MAX_SWEEP_USERS + 1)), `Sweep to is "${MAX_SWEEP_USERS + 1}"; ${allowed}`);
  assert.equal(sweepToProblem(''), `Sweep to is ""; ${allowed}`);
  assert.equal(sweepToProblem('1e308'), `Sweep to is "1e308"; ${allowed}`);
});

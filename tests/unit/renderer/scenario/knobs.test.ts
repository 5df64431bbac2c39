import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRESETS, findPreset } from '../../../../shared/presets.ts';
import { scenarioSchema } from '../../../../shared/scenario.ts';
import { applyKnobs } from '../../../../renderer/src/scenario/apply-knobs.ts';
import {
  blockingShareApplies,
  cpuPerRequestMs,
  knobsFrom,
  longestWaitMs,
  shareableWaits,
  withDefaults,
} from '../../../../renderer/src/scenario/knobs.ts';

const preset = (id: string) => withDefaults(findPreset(id)!.scenario);

test('unchanged knobs give back every preset exactly', () => {
  for (const p of PRESETS) {
    const base = withDefaults(p.scenario);
    assert.deepEqual(applyKnobs(base, knobsFrom(base)), base, p.id);
  }
});

test('the latency knob makes the longest wait equal to it and keeps proportions', () => {
  const base = preset('shop-mix');
  const edited = applyKnobs(base, { ...knobsFrom(base), latencyMs: 300 });
  assert.equal(longestWaitMs(edited), 300);
  const checkout = edited.endpoints.find((e) => e.name === 'checkout')!;
  assert.deepEqual(
    checkout.steps.map((s) => (s.kind === 'offload' ? s.step : s)).map((s) => ('ms' in s ? s.ms : null)),
    [20, 300, 2],
  );
  assert.ok(scenarioSchema.safeParse(edited).success);
});

test('the blocking share splits each wait of an async view into block then await', () => {
  const base = preset('async-await');
  assert.equal(knobsFrom(base).blockingShare, 0);
  const edited = applyKnobs(base, { ...knobsFrom(base), blockingShare: 0.3 });
  assert.deepEqual(edited.endpoints[0].steps, [
    { kind: 'block', ms: 30 },
    { kind: 'await', ms: 70 },
  ]);
  const waits = shareableWaits(edited);
  assert.equal(waits.blocking / waits.total, 0.3);
  const back = applyKnobs(preset('async-time-sleep'), { ...knobsFrom(preset('async-time-sleep')), blockingShare: 0 });
  assert.deepEqual(back.endpoints[0].steps, [{ kind: 'await', ms: 100 }]);
});

test('upstream calls and gathered waits switch between awaited and blocking at half', () => {
  const base = preset('gather-api-calls');
  const low = applyKnobs(base, { ...knobsFrom(base), blockingShare: 0.4 });
  const high = applyKnobs(base, { ...knobsFrom(base), blockingShare: 0.6 });
  const flags = (s: typeof base) => {
    const g = s.endpoints[0].steps[0];
    return g.kind === 'gather' ? g.steps.map((c) => (c.kind === 'upstream' ? c.blocking : null)) : [];
  };
  assert.deepEqual(flags(low), [false, false]);
  assert.deepEqual(flags(high), [true, true]);
});

test('the blocking share leaves offloads and sync views alone', () => {
  assert.equal(blockingShareApplies(preset('async-orm-per-request')), false);
  assert.equal(blockingShareApplies(preset('sync-workers')), false);
  assert.equal(blockingShareApplies(preset('async-await')), true);
  const base = preset('sync-workers');
  assert.deepEqual(applyKnobs(base, { ...knobsFrom(base), blockingShare: 0.2 }).endpoints, base.endpoints);
});

test('the CPU knob scales cpu steps, or adds one where there was none', () => {
  const cpuBound = preset('cpu-bound-async-view');
  assert.equal(cpuPerRequestMs(cpuBound), 30);
  assert.equal(cpuPerRequestMs(applyKnobs(cpuBound, { ...knobsFrom(cpuBound), cpuMs: 60 })), 60);
  const offloaded = preset('cpu-offload-gil');
  const doubled = applyKnobs(offloaded, { ...knobsFrom(offloaded), cpuMs: 100 });
  assert.deepEqual(doubled.endpoints[0].steps, [{ kind: 'offload', step: { kind: 'cpu', ms: 100 } }]);
  const plain = preset('async-await');
  assert.deepEqual(applyKnobs(plain, { ...knobsFrom(plain), cpuMs: 5 }).endpoints[0].steps, [
    { kind: 'await', ms: 100 },
    { kind: 'cpu', ms: 5 },
  ]);
});

test('server and load knobs land where the schema expects them', () => {
  const base = preset('async-await');
  const edited = applyKnobs(base, {
    ...knobsFrom(base),
    serverModel: 'sync-workers',
    workers: 8,
    loadModel: 'open',
    rateRps: 120,
    endKind: 'duration',
    durationSeconds: 2,
  });
  assert.equal(edited.server.model, 'sync-workers');
  assert.equal(edited.server.workers, 8);
  assert.deepEqual(edited.load.end, { kind: 'duration', seconds: 2 });
  assert.equal(edited.load.model, 'open');
  assert.equal(edited.load.rateRps, 120);
  assert.ok(scenarioSchema.safeParse(edited).success);
});

test('connection knobs: absent while off, written when on, the limit only while limited', () => {
  const base = preset('async-orm-per-request');
  const off = applyKnobs(base, knobsFrom(base));
  for (const key of ['dbConnectMs', 'dbMaxConnections', 'persistentConnections'] as const)
    assert.equal(key in off.server, false, `${key} stays absent`);
  const on = applyKnobs(base, {
    ...knobsFrom(base),
    dbConnectMs: 20,
    limitConnections: true,
    dbMaxConnections: 6,
    persistentConnections: true,
  });
  assert.equal(on.server.dbConnectMs, 20);
  assert.equal(on.server.dbMaxConnections, 6);
  assert.equal(on.server.persistentConnections, true);
  assert.ok(scenarioSchema.safeParse(on).success);
  // Turning the limit off again drops it; the count is kept in the knobs for next time.
  const unlimited = applyKnobs(on, { ...knobsFrom(on), limitConnections: false });
  assert.equal('dbMaxConnections' in unlimited.server, false);
  assert.equal(knobsFrom(on).dbMaxConnections, 6);
  const limits = preset('too-many-connections');
  assert.deepEqual(knobsFrom(limits).limitConnections, true);
});

test("a placement of connections on uvicorn's processes is kept only for the same processes", () => {
  const uvicorn = preset('uvicorn-workers');
  const placed = { ...uvicorn, server: { ...uvicorn.server, connectionProcesses: [0, 0, 1] } };
  assert.deepEqual(applyKnobs(placed, knobsFrom(placed)).server.connectionProcesses, [0, 0, 1]);
  for (const change of [{ workers: 2 }, { serverModel: 'async' as const }]) {
    const edited = applyKnobs(placed, { ...knobsFrom(placed), ...change });
    assert.equal('connectionProcesses' in edited.server, false, JSON.stringify(change));
    assert.ok(scenarioSchema.safeParse(edited).success, JSON.stringify(change));
  }
});

/**
 * Sweeps on the real engine through the app's API: the sync-workers preset (4 workers, views
 * blocking 100 ms) swept from 1 to 16 users (5 steps and 1 user again), read as "about 4 at a time"; a sweep stopped midway stops its step's run and keeps
 * the steps it finished; a step past its time cap counts what finished; bad requests get sentences.
 * Assertions are on events, counts and the verdict's class, never on how long anything took.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../../main/app/app.ts';
import type { SweepEvent, SweepResult } from '../../../shared/sweep.ts';
import { findPreset } from '../../../shared/presets.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'interleave-sweep-'));
const app = await openApp({ dataDir, mode: 'browser' });
after(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function syncWorkers(blockMs: number): ScenarioInput {
  return {
    name: 'four workers',
    server: { model: 'sync-workers', workers: 4 },
    endpoints: [{ name: 'sync-view', view: 'sync', steps: [{ kind: 'block', ms: blockMs }] }],
    load: { model: 'closed', concurrency: 10, end: { kind: 'requests', count: 10 } },
  };
}

/** Resolves with the sweep's 'finished' event; collects every sweep event meanwhile. */
function sweepEvents(): { events: SweepEvent[]; finished: Promise<SweepResult> } {
  const events: SweepEvent[] = [];
  const finished = new Promise<SweepResult>((resolve) => {
    const off = app.on('sweep', (e) => {
      events.push(e);
      if (e.type === 'finished') {
        off();
        resolve(e.sweep);
      }
    });
  });
  return { events, finished };
}

test('the sync-workers preset swept from 1 to 16 users: about 4 at a time, each step a stored run', async (t) => {
  const { events, finished } = sweepEvents();
  const preset = findPreset('sync-workers')!;
  assert.deepEqual(preset.scenario.endpoints[0].steps, [{ kind: 'block', ms: 100 }]);
  const started = await app.api.startSweep({ scenario: { ...preset.scenario, name: 'four workers' }, from: 1, to: 16 });
  assert.deepEqual(started.users, [1, 2, 4, 8, 16, 1]);
  const sweep = await finished;
  assert.equal(sweep.status, 'complete');
  assert.deepEqual(
    sweep.steps.map((s) => [s.users, s.planned, s.completed, s.errors, s.capped]),
    [
      [1, 20, 20, 0, false],
      [2, 20, 20, 0, false],
      [4, 20, 20, 0, false],
      [8, 40, 40, 0, false],
      [16, 80, 80, 0, false],
      [1, 20, 20, 0, false],
    ],
  );
  const { verdict, steps } = sweep.analysis;
  t.diagnostic(
    `in service: ${steps.map((s) => `${s.users}: ${s.inService.toFixed(2)}`).join(', ')}; ${verdict.sentence}`,
  );
  // About 4 at a time: 3 to 5, as a machine busy with other work can starve a worker thread.
  assert.equal(verdict.kind, 'plateau');
  assert.ok(verdict.atOnce! >= 3 && verdict.atOnce! <= 5, `${verdict.atOnce} at a time`);
  assert.equal(verdict.presetId, 'sync-workers');
  assert.match(
    verdict.sentence,
    new RegExp(`about ${verdict.atOnce} requests at a time .*like ${verdict.atOnce} sync workers`),
  );
  const top = steps.find((s) => s.users === 16)!;
  assert.ok(top.inService >= 3 && top.inService <= 5, `16 users: ${top.inService} in service`);
  // In the system (X × mean latency) every user is busy: close to N.
  for (const s of steps)
    assert.ok(s.inSystemPerUser > 0.7 && s.inSystemPerUser <= 1.05, `${s.users}: ${s.inSystemPerUser}`);
  // Progress named each step in order, and each finished step was sent as it finished.
  const stepsSeen = [...new Set(events.filter((e) => e.type === 'progress').map((e) => e.progress.step))];
  assert.deepEqual(stepsSeen, [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(
    events.filter((e) => e.type === 'step').map((e) => e.sweep.steps.length),
    [1, 2, 3, 4, 5, 6],
  );
  // Stored as shown, and listed; the steps' runs are ordinary complete runs.
  assert.deepEqual(await app.api.loadSweep(sweep.id), sweep);
  const [listed] = await app.api.listSweeps();
  assert.deepEqual([listed.id, listed.steps, listed.planned, listed.verdict], [sweep.id, 6, 6, verdict.sentence]);
  const runs = await app.api.listRuns();
  for (const s of sweep.steps) {
    const run = runs.find((r) => r.id === s.runId);
    assert.equal(run?.status, 'complete');
    assert.equal(run?.name, `sweep ${s.users} ${s.users === 1 ? 'user' : 'users'} · four workers`);
  }
});

test('a sweep stopped during its second step stops that run and keeps the first step stored', async () => {
  const { finished } = sweepEvents();
  // Stop as soon as the second step's load runs: its 10 requests of 200 ms on 2 users cannot be done.
  let stopping: Promise<void> | null = null;
  const off = app.on('sweep', (e) => {
    if (e.type === 'progress' && e.progress.step === 2 && e.progress.phase === 'running' && !stopping)
      stopping = app.api.stopSweep(e.progress.sweepId);
  });
  const started = await app.api.startSweep({ scenario: syncWorkers(200), from: 1, to: 4, requestsPerStep: 10 });
  await assert.rejects(
    app.api.startRun(syncWorkers(1)),
    new RegExp(`sweep ${started.id} is running; stop it before starting a run`),
  );
  const sweep = await finished;
  off();
  await stopping;
  assert.equal(sweep.status, 'stopped');
  assert.deepEqual(
    sweep.steps.map((s) => s.users),
    [1],
  );
  assert.equal(sweep.analysis.verdict.kind, 'cannot-say');
  const stored = await app.api.loadSweep(started.id);
  assert.equal(stored.status, 'stopped');
  assert.deepEqual(stored.steps, sweep.steps);
  const runs = await app.api.listRuns();
  const names = (status: string) => runs.filter((r) => r.status === status).map((r) => r.name);
  assert.ok(names('complete').includes('sweep 1 user · four workers'));
  assert.deepEqual(names('stopped'), ['sweep 2 users · four workers']);
  assert.ok(!runs.some((r) => r.status === 'running'));
  // Nothing is left busy: a run starts again.
  const free = await app.api.startRun(syncWorkers(1));
  await app.api.stopRun(free.id);
});

test('a step past its time cap is stopped and counts the requests that finished, none cut short', async () => {
  const { finished } = sweepEvents();
  // One user, 1,000 requests of 20 ms: about 20 s of work, capped at 1 s.
  await app.api.startSweep({ scenario: syncWorkers(20), from: 1, to: 1, requestsPerStep: 1000, stepSeconds: 1 });
  const sweep = await finished;
  assert.equal(sweep.status, 'complete');
  const [step] = sweep.steps;
  assert.equal(step.capped, true);
  assert.equal(step.status, 'stopped');
  assert.equal(step.errors, 0);
  assert.ok(step.completed > 10 && step.completed < 1000, `${step.completed} finished`);
});

test('bad sweep requests are refused with the field, the value and what is allowed', async () => {
  const cases: [unknown, RegExp][] = [
    [{ scenario: syncWorkers(1), from: 8, to: 2 }, /`to` is 2; allowed at least `from` \(8\)/],
    [{ scenario: syncWorkers(1), to: 1000 }, /`to` is 1000; allowed at most 256/],
    [{ scenario: syncWorkers(1), requestsPerStep: 0 }, /`requestsPerStep` is 0; allowed at least 1/],
    [{ scenario: { ...syncWorkers(1), server: { model: 'threads' } } }, /`scenario\.server\.model` is "threads"/],
    [{ scenario: syncWorkers(1), steps: 3 }, /`\(root\)` has unknown field `steps`/],
    ['sweep', /The sweep is not valid/],
  ];
  for (const [input, message] of cases) await assert.rejects(app.api.startSweep(input as never), message);
  await assert.rejects(app.api.loadSweep(999), /no sweep with id 999/);
  await assert.rejects(app.api.stopSweep(-1 as never), /The sweep id is not valid/);
});

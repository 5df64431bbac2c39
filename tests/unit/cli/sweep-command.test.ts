/**
 * `interleave sweep` as a user calls it: bad flags get the usual sentences (exit 2, nothing run),
 * and `--show` prints a stored sweep as a table and verdict, or whole as JSON.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseSweep } from '../../../shared/analysis/sweep-analysis.ts';
import { findPreset } from '../../../shared/presets.ts';
import { scenarioSchema } from '../../../shared/scenario.ts';
import { RunStore } from '../../../main/store/run-store.ts';
import { runCli } from '../hardening/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'interleave-sweep-cli-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'runs.db');

test('bad sweep flags: a sentence naming the flag, the value and what is allowed; exit 2', async () => {
  const cases: [string[], RegExp][] = [
    [[], /give --preset or --scenario or --url: the scenario to sweep/],
    [['--preset', 'nope'], /there is no preset "nope"; presets: async-await/],
    [['--preset', 'sync-workers', '--to', '0'], /--to is "0"; allowed a whole number from 1 to 256/],
    [['--preset', 'sync-workers', '--to', '1000'], /--to is "1000"; allowed a whole number from 1 to 256/],
    [['--preset', 'sync-workers', '--from', '8', '--to', '2'], /--to is 2; allowed at least --from \(8\)/],
    [
      ['--preset', 'sync-workers', '--requests-per-step', '1.5'],
      /--requests-per-step is "1\.5"; allowed a whole number/,
    ],
    [
      ['--preset', 'sync-workers', '--step-seconds', 'soon'],
      /--step-seconds is "soon"; allowed a whole number from 1 to 600/,
    ],
    [['--preset', 'sync-workers', '--on', 'both'], /--on is "both"; a sweep runs on one target: allowed model, django/],
    [['--preset', 'sync-workers', '--on', 'moon'], /--on is "moon"; allowed: model, django, both/],
    [['--preset', 'sync-workers', '--scenario', 'x.json'], /give --preset or --scenario, not both/],
    [['--show', 'x'], /--show is "x"; allowed a sweep id, a whole number from 1/],
    [['--concurrency', '4'], /Unknown option '--concurrency'/],
  ];
  for (const [flags, message] of cases) {
    const r = await runCli(['sweep', ...flags, '--db', db]);
    assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
});

test('--show prints a stored sweep: the steps table, the verdict and the fit; --json the whole sweep', async () => {
  const { store } = RunStore.open(db);
  const steps = [1, 2, 4, 8].map((users, i) => {
    const throughputRps = 10 * Math.min(users, 4);
    const meanMs = (users / throughputRps) * 1000;
    return {
      users,
      completed: 20,
      errors: 0,
      throughputRps,
      meanMs,
      p50Ms: meanMs,
      p95Ms: meanMs,
      runId: i + 1,
      status: 'complete' as const,
      planned: 20,
      capped: false,
    };
  });
  const sweep = store.sweeps.create({
    name: 'sweep · four workers',
    status: 'complete',
    createdAt: new Date().toISOString(),
    error: null,
    request: {
      scenario: scenarioSchema.parse(findPreset('sync-workers')!.scenario),
      from: 1,
      to: 8,
      requestsPerStep: null,
      stepSeconds: 30,
    },
    users: [1, 2, 4, 8],
    steps,
    analysis: analyseSweep(steps),
  });
  store.close();
  const text = await runCli(['sweep', '--show', String(sweep.id), '--db', db]);
  assert.equal(text.code, 0, text.stderr);
  const lines = text.stdout.split('\n');
  assert.equal(lines[0], 'sweep · four workers — sweep 1 (complete), 4 of 4 steps');
  assert.match(lines[1], /users +req\/s +p50 +p95 +in service +errors/);
  assert.match(lines[5], /^ +8 +40 +200 ms +200 ms +4 +0\/20$/);
  assert.match(
    text.stdout,
    /verdict +Serves about 4 requests at a time while each takes 100 ms alone: like 4 sync workers\./,
  );
  assert.match(text.stdout, /preset +sync-workers behaves the same way/);
  assert.match(text.stdout, /fit +X\(N\) = λN/);
  const json = await runCli(['sweep', '--show', String(sweep.id), '--json', '--db', db]);
  assert.deepEqual(JSON.parse(json.stdout), sweep);
  const missing = await runCli(['sweep', '--show', '99', '--db', db]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no sweep with id 99/);
});

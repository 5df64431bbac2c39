/**
 * An app that keeps threads warm (the desktop shell and browser mode do; the command line does
 * not): its first screen's scenario starts on threads started ahead, and so does a second run of
 * the same scenario, as the progress before the load says ("starting threads 4 / 4 (4 started ahead)").
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type App } from '../../../main/app/app.ts';
import { startOneRun } from '../../../main/app/one-run.ts';
import { findPreset, PRESETS } from '../../../shared/presets.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import type { RunProgress } from '../../../shared/trace.ts';

const dirs: string[] = [];
async function app(warmThreads?: number): Promise<App> {
  const dataDir = mkdtempSync(join(tmpdir(), 'interleave-warm-'));
  dirs.push(dataDir);
  const opened = await openApp({ dataDir, mode: 'browser', warmThreads });
  after(() => opened.close());
  return opened;
}
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A preset run once (the first screen's by default); the thread count of its last progress before the load. */
async function firstScreenRun(
  opened: App,
  scenario: ScenarioInput = PRESETS[0].scenario,
): Promise<RunProgress['threads']> {
  let threads: RunProgress['threads'];
  const off = opened.on('run', (e) => {
    if (e.type === 'progress' && e.progress.phase === 'starting' && e.progress.threads) threads = e.progress.threads;
  });
  const { info } = await startOneRun(opened, scenario).finished;
  off();
  assert.equal(info.status, 'complete');
  return threads;
}

test('the first screen’s scenario, and the next run of it, start on threads started ahead', async () => {
  const warm = await app(64);
  await warm.whenThreadsReady();
  const first = await firstScreenRun(warm);
  assert.ok(first && first.total >= 4, `a run of the first preset starts its threads: ${JSON.stringify(first)}`);
  assert.deepEqual(first, { ready: first.total, total: first.total, warm: first.total });
  await warm.whenThreadsReady();
  assert.deepEqual(await firstScreenRun(warm), first);
});

test('an app that keeps no threads (the command line) starts each run its own', async () => {
  const cold = await app();
  await cold.whenThreadsReady();
  const threads = await firstScreenRun(cold);
  assert.equal(threads?.warm, 0);
  assert.equal(threads?.ready, threads?.total);
});

test('the scenario on screen, prepared before Run, starts on threads started ahead; a bad one is refused', async () => {
  const warm = await app(64);
  await warm.whenThreadsReady();
  // sync-workers: 4 worker processes and a server thread, none of which the first screen's run uses.
  const chosen = findPreset('sync-workers')!.scenario;
  await warm.api.prepareRun(chosen);
  await warm.whenThreadsReady();
  const threads = await firstScreenRun(warm, chosen);
  assert.ok(threads && threads.total >= 5, JSON.stringify(threads));
  assert.equal(threads.warm, threads.total, JSON.stringify(threads));
  await assert.rejects(
    warm.api.prepareRun({ ...chosen, load: { ...chosen.load, concurrency: 0 } }),
    /The scenario.*concurrency/s,
  );
});

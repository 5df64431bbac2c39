/**
 * Hosts reach runs only through the app's API and events: one run started, awaited and stopped
 * that way, on the real engine and a real store.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../../main/app/app.ts';
import { startOneRun } from '../../../main/app/one-run.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'interleave-one-run-'));
const app = await openApp({ dataDir, mode: 'browser' });
after(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const small: ScenarioInput = {
  server: { model: 'async' },
  endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'await', ms: 1 }] }],
  load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 4 } },
};

test('a host gets the API, its events, close and the streaming import; the store and the run service stay inside', () => {
  // storeImport streams a k6 or HAR file the host itself reads (the CLI), which no bridge call
  // can carry; it checks every record as the API does (main/app/import-run.ts).
  assert.deepEqual(Object.keys(app).sort(), ['api', 'close', 'on', 'storeImport', 'whenThreadsReady']);
});

test('a run started through the API ends with its finished event, clock check included', async () => {
  const run = startOneRun(app, small, 'one run');
  const started = await run.started;
  assert.equal(started.status, 'running');
  const finished = await run.finished;
  assert.equal(finished.runId, started.id);
  assert.equal(finished.info.status, 'complete');
  assert.equal(finished.info.name, 'one run');
  assert.equal(finished.summary?.requests, 4);
  assert.equal(typeof finished.clockSkewMs, 'number');
  assert.ok(finished.clockSkewMs! >= 0);
});

test('a refused scenario rejects both promises with the API’s sentence and stores nothing', async () => {
  const before = await app.api.listRuns();
  const run = startOneRun(app, { ...small, load: { ...small.load, concurrency: 5000 } });
  await assert.rejects(run.started, /`load\.concurrency` is 5000; allowed at most 1000/);
  await assert.rejects(run.finished, /`load\.concurrency` is 5000/);
  assert.deepEqual(await app.api.listRuns(), before);
});

test('a run stopped while its threads start ends stopped, with no clock check', async () => {
  const run = startOneRun(app, small);
  const stopped = run.stop();
  const info = await run.started;
  await stopped;
  const finished = await run.finished;
  assert.equal(info.status, 'stopped');
  assert.equal(finished.info.status, 'stopped');
  assert.equal(finished.clockSkewMs, null);
});

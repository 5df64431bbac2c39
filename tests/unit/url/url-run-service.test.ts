/**
 * URL runs through the app's validated API, as every host starts them: a host that is not
 * loopback nor allowed is refused before the run is stored; an allowed loopback run is stored
 * with its target and read back whole.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../../main/app/app.ts';
import { startOneRun } from '../../../main/app/one-run.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { startLoopbackServer } from './loopback-server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'interleave-url-service-'));
const app = await openApp({ dataDir, mode: 'browser' });
after(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const scenario = (url: string, allowRemote: string[] = []): ScenarioInput => ({
  target: { kind: 'url', requests: [{ url }], allowRemote },
  server: { model: 'async' },
  endpoints: [{ name: 'unused', view: 'async', steps: [] }],
  load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 4 } },
});

test('a remote host without allowRemote is refused by the API before anything is stored', async () => {
  await assert.rejects(
    app.api.startRun(scenario('https://example.invalid/api')),
    /"example\.invalid" is not a loopback host/,
  );
  assert.deepEqual(await app.api.listRuns(), []);
});

test('a loopback URL run is stored with its target and its records, as any run', async (t) => {
  const server = await startLoopbackServer((_req, res) => res.end('ok'));
  t.after(() => server.close());
  const run = startOneRun(app, scenario(`${server.base}/x`), `GET ${server.base}/x`);
  const { info } = await run.finished;
  assert.equal(info.status, 'complete', info.error ?? '');
  assert.equal(info.summary?.requests, 4);
  const doc = await app.api.loadRun(info.id);
  assert.deepEqual(doc.scenario.target, {
    kind: 'url',
    requests: [{ method: 'GET', url: `${server.base}/x`, headers: {}, weight: 1 }],
    allowRemote: [],
  });
  assert.equal(doc.requests.length, 4);
  assert.equal(server.received.length, 4);
});

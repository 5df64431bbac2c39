// Every server Interleave starts listens on 127.0.0.1 and nowhere else: the engine's server and
// its upstream during a run (seen from /proc, not from what the engine says), and the
// browser-mode host. Nothing is left listening once a run ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScenario } from '../../../main/engine/index.ts';
import { startBrowserHost } from '../../../main/host/browser-host.ts';
import { scenarioSchema, type ScenarioInput } from '../../../shared/scenario.ts';
import { createFixtureApp } from '../shared/bridge-fixture.ts';
import { shopDbFile } from '../engine/run-and-collect.ts';
import { listeningSockets, type ListeningSocket } from './process-probe.ts';

const upstreamCall = { kind: 'upstream', ms: 300 } as const;
const MODELS: Record<string, ScenarioInput> = {
  'the async server': {
    server: { model: 'async', executor: 'pool', poolThreads: 2 },
    endpoints: [
      { name: 'a', view: 'async', steps: [upstreamCall, { kind: 'offload', step: { kind: 'block', ms: 50 } }] },
    ],
    load: { model: 'closed', concurrency: 4, end: { kind: 'requests', count: 8 } },
  },
  'sync workers': {
    server: { model: 'sync-workers', workers: 2 },
    endpoints: [{ name: 's', view: 'sync', steps: [upstreamCall] }],
    load: { model: 'open', rateRps: 20, maxInFlight: 4, end: { kind: 'requests', count: 6 } },
  },
};

const show = (sockets: ListeningSocket[]) => sockets.map((s) => `${s.family} ${s.address}:${s.port}`).join(', ');

for (const [model, input] of Object.entries(MODELS)) {
  test(`${model}: the server and the upstream listen on 127.0.0.1 only, and stop listening after the run`, async () => {
    const before = listeningSockets();
    let during: ListeningSocket[] = [];
    const running = await startScenario(scenarioSchema.parse(input), {
      shopDbFile,
      onBatch: () => {
        if (during.length === 0) during = listeningSockets().filter((s) => !before.some((b) => b.port === s.port));
      },
    });
    const outcome = await running.done;
    assert.equal(outcome.status, 'complete', outcome.error ?? '');
    // The run's own server and the embedded upstream, at least.
    assert.ok(during.length >= 2, `listening during the run: ${show(during)}`);
    for (const socket of during) {
      assert.equal(socket.family, 'tcp', `no IPv6 socket (that would include ::, every interface): ${show(during)}`);
      assert.equal(socket.address, '127.0.0.1', show(during));
    }
    assert.deepEqual(listeningSockets(), before, 'nothing the run opened is still listening');
  });
}

test('the browser-mode host listens on 127.0.0.1 only', async () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'interleave-loopback-'));
  const host = await startBrowserHost({ app: createFixtureApp(), staticDir });
  try {
    const ours = listeningSockets().filter((s) => s.port === host.port);
    assert.deepEqual(ours, [{ family: 'tcp', address: '127.0.0.1', port: host.port }]);
  } finally {
    await host.close();
    rmSync(staticDir, { recursive: true, force: true });
  }
  assert.equal(listeningSockets().filter((s) => s.port === host.port).length, 0);
});

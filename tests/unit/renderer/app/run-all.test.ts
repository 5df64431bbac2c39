/**
 * "Both" as the UI runs it: runAll over the real bridge client, the in-memory wire and the real
 * app (engine, store), waiting through FinishedRuns fed by the bridge's run events (as RunSession
 * feeds it). Each run starts only after the one before has finished; a stop ends the sequence.
 * Both targets are the model here: what is checked is the sequence, the same for any target.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../../../main/app/app.ts';
import { createBridgeClient } from '../../../../shared/bridge-client.ts';
import { serveApi } from '../../../../shared/bridge-server.ts';
import { scenarioSchema, type ScenarioInput } from '../../../../shared/scenario.ts';
import { createInMemoryPair } from '../../../../shared/transports/in-memory.ts';
import { FinishedRuns, runAll, type RunStarter } from '../../../../renderer/src/app/run-all.ts';

const scenario = (requests: number, ms: number) =>
  scenarioSchema.parse({
    name: 'sequence',
    server: { model: 'async' },
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'await', ms }] }],
    load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: requests } },
  } satisfies ScenarioInput);

async function connect(t: { after: (fn: () => Promise<void>) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-run-all-'));
  const app = await openApp({ dataDir: dir, mode: 'browser' });
  const [clientEnd, serverEnd] = createInMemoryPair();
  const stopServing = serveApi(app.api, serverEnd, app);
  const bridge = createBridgeClient(clientEnd);
  const finishedRuns = new FinishedRuns();
  const started: number[] = [];
  const events: string[] = [];
  bridge.on('run', (e) => {
    finishedRuns.observe(e);
    if (e.type === 'started') started.push(e.runId);
    if (e.type === 'started' || e.type === 'finished') events.push(`${e.type} ${e.runId}`);
  });
  const runner: RunStarter = {
    start: (s, name) => bridge.startRun(s, name),
    whenFinished: (id) => finishedRuns.whenFinished(id),
  };
  t.after(async () => {
    stopServing();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { bridge, runner, started, events };
}

test('two planned runs: the second starts after the first has finished; both come back in order', async (t) => {
  const { runner, events } = await connect(t);
  const finished = await runAll(
    [
      { scenario: scenario(6, 5), name: 'first · model' },
      { scenario: scenario(4, 5), name: 'second' },
    ],
    runner,
  );
  assert.deepEqual(
    finished.map((f) => [f.name, f.status, f.summary?.requests]),
    [
      ['first · model', 'complete', 6],
      ['second', 'complete', 4],
    ],
  );
  const [a, b] = finished.map((f) => f.id);
  assert.deepEqual(events, [`started ${a}`, `finished ${a}`, `started ${b}`, `finished ${b}`]);
});

test('a stop during the first run ends the sequence: the second never starts', async (t) => {
  const { bridge, runner, started } = await connect(t);
  const sequence = runAll(
    [
      { scenario: scenario(1_000, 50), name: 'long' },
      { scenario: scenario(4, 5), name: 'never' },
    ],
    runner,
  );
  while (started.length === 0) await new Promise((r) => setTimeout(r, 10));
  await bridge.stopRun(started[0]);
  const finished = await sequence;
  assert.deepEqual(
    finished.map((f) => [f.name, f.status]),
    [['long', 'stopped']],
  );
  assert.equal(started.length, 1);
});

test('a run that cannot start rejects with the host sentence, after the runs before it', async (t) => {
  const { runner, events } = await connect(t);
  await assert.rejects(
    runAll(
      [
        { scenario: scenario(2, 1), name: 'fine' },
        { scenario: { ...scenario(2, 1), load: { ...scenario(2, 1).load, concurrency: 5_000 } }, name: 'refused' },
      ],
      runner,
    ),
    /`load\.concurrency` is 5000; allowed at most 1000/,
  );
  assert.equal(events.length, 2, 'the first run started and finished; the second never started');
});

test('a wait that begins after the run finished settles at once', async () => {
  const runs = new FinishedRuns();
  const info = { id: 3, status: 'complete' } as never;
  runs.observe({ type: 'finished', runId: 3, info, summary: null, clockSkewMs: null });
  assert.equal(await runs.whenFinished(3), info);
});

// Stopping a run whose every thread is stuck for 30 s (blocked, spinning, parked on a hung
// upstream, holding a worker): soon after stop() every thread has exited and every port is
// closed (connecting is refused), counted from /proc, not from what the engine believes.
//
// The stop waits for events, not for time: it comes once the load generator says every request
// it may have in flight is in flight (each is then on its way into its stuck step), and the
// release must come well before the stuck steps would end by themselves (half their 30 s): a
// stop that waited them out fails, a busy machine that takes two seconds does not. How long the
// release took is printed (on an idle machine, well under a second).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../../main/app/app.ts';
import { startScenario } from '../../../main/engine/index.ts';
import { maxInFlight, scenarioSchema, type ScenarioInput } from '../../../shared/scenario.ts';
import type { RunProgress } from '../../../shared/trace.ts';
import { runAndCollect, shopDbFile } from '../engine/run-and-collect.ts';
import { activeResources, eventually, listeningSockets, threadCount } from './process-probe.ts';

const STUCK_MS = 30_000;
/** Released sooner than this means the stop ended the stuck steps rather than waiting them out. */
const RELEASE_MS = STUCK_MS / 2;
const hang = { kind: 'upstream', ms: 0, fault: 'hang', timeoutMs: 60_000 } as const;
const closed = (users: number) =>
  ({ model: 'closed', concurrency: users, end: { kind: 'requests', count: 1000 } }) as const;

const STUCK: Record<string, ScenarioInput> = {
  '10 per-request threads blocked': {
    server: { model: 'async', executor: 'per-request' },
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'offload', step: { kind: 'block', ms: STUCK_MS } }] }],
    load: closed(10),
  },
  'the event loop blocked': {
    server: { model: 'async' },
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'block', ms: STUCK_MS }] }],
    load: closed(10),
  },
  '4 sync workers blocked, 6 requests queued': {
    server: { model: 'sync-workers', workers: 4 },
    endpoints: [{ name: 's', view: 'sync', steps: [{ kind: 'block', ms: STUCK_MS }] }],
    load: closed(10),
  },
  'a pool of 2 computing under the interpreter lock': {
    server: { model: 'async', executor: 'pool', poolThreads: 2, gil: true },
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'offload', step: { kind: 'cpu', ms: STUCK_MS } }] }],
    load: closed(4),
  },
  'sync workers parked on an upstream that never answers': {
    server: { model: 'sync-workers', workers: 3 },
    endpoints: [{ name: 's', view: 'sync', steps: [hang] }],
    load: closed(6),
  },
  'awaits on an upstream that never answers': {
    server: { model: 'async' },
    endpoints: [{ name: 'a', view: 'async', steps: [hang] }],
    load: closed(10),
  },
  'one thread holding a slow database call': {
    server: { model: 'async', executor: 'one-thread' },
    endpoints: [
      {
        name: 'a',
        view: 'async',
        steps: [{ kind: 'offload', step: { kind: 'db', query: 'product-list', ms: STUCK_MS } }],
      },
    ],
    load: closed(5),
  },
  'open load with a backlog behind a blocked loop': {
    server: { model: 'async' },
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'block', ms: STUCK_MS }] }],
    load: { model: 'open', rateRps: 200, maxInFlight: 5, end: { kind: 'duration', seconds: 60 } },
  },
};

let baselineThreads = 0;
let baselineResources: Record<string, number> = {};

before(async () => {
  // One complete run first: V8 and libuv start some threads of their own on first use.
  await runAndCollect({
    server: { model: 'async' },
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'await', ms: 1 }] }],
    load: closed(2),
  }).then(() => undefined);
  baselineThreads = threadCount();
  baselineResources = activeResources();
});

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', (error: NodeJS.ErrnoException) => (socket.destroy(), resolve(error.code === 'ECONNREFUSED')));
  });
}

/** Resolves when the load generator reports `n` requests in flight at once. */
function inFlightReached(n: number): { onProgress: (p: RunProgress) => void; reached: Promise<void> } {
  let reach = () => {};
  const reached = new Promise<void>((resolve) => (reach = resolve));
  return { onProgress: (p) => (p.inFlight ?? 0) >= n && reach(), reached };
}

for (const [what, input] of Object.entries(STUCK)) {
  test(`stop with ${what}: threads and ports released, not waited out`, async (t) => {
    const scenario = scenarioSchema.parse(input);
    const inFlight = inFlightReached(maxInFlight(scenario.load));
    const running = await startScenario(scenario, { shopDbFile, onProgress: inFlight.onProgress });
    t.after(() => running.stop());
    await inFlight.reached;
    const ports = listeningSockets().map((s) => s.port);
    assert.ok(ports.length >= 2, 'the server and the upstream are listening');
    assert.ok(threadCount() > baselineThreads, 'the run has its threads');

    const t0 = performance.now();
    const outcome = await running.stop();
    const released = await eventually(
      () => threadCount() <= baselineThreads && listeningSockets().length === 0,
      RELEASE_MS,
    );
    const elapsed = performance.now() - t0;
    assert.ok(
      released,
      `not released after ${elapsed.toFixed(0)} ms; threads ${threadCount()} (baseline ${baselineThreads}), listening ${listeningSockets().length}`,
    );
    t.diagnostic(`released ${ports.length} ports and the run's threads in ${elapsed.toFixed(0)} ms`);
    assert.equal(outcome.status, 'stopped');
    assert.deepEqual(activeResources(), baselineResources, 'no timer, socket or port left active');
    for (const port of ports) assert.ok(await refused(port), `port ${port} refuses connections`);
  });
}

test('stopRun through the app: released, the run stored as stopped with what it recorded', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'interleave-stop-'));
  const app = await openApp({ dataDir, mode: 'browser' });
  try {
    // Ten users: the stop comes once all ten requests are in flight.
    const inFlight = new Promise<void>((resolve) =>
      app.on('run', (e) => e.type === 'progress' && (e.progress.inFlight ?? 0) >= 10 && resolve()),
    );
    const info = await app.api.startRun({
      server: { model: 'async', executor: 'per-request' },
      endpoints: [
        { name: 'fast', view: 'async', steps: [{ kind: 'await', ms: 1 }] },
        {
          name: 'stuck',
          view: 'async',
          weight: 0.2,
          steps: [{ kind: 'offload', step: { kind: 'block', ms: STUCK_MS } }],
        },
      ],
      load: closed(10),
    });
    await inFlight;
    await app.api.stopRun(info.id);
    assert.ok(
      await eventually(() => threadCount() <= baselineThreads, RELEASE_MS),
      `threads ${threadCount()} (baseline ${baselineThreads})`,
    );
    const stored = (await app.api.listRuns())[0];
    assert.equal(stored.status, 'stopped');
    assert.ok(stored.recordedRequests > 0, 'what was recorded before the stop is kept');
    assert.equal((await app.api.loadRun(info.id)).requests.length, stored.recordedRequests);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a stop asked while the threads are still starting takes effect as soon as they are up', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'interleave-stop-early-'));
  const app = await openApp({ dataDir, mode: 'browser' });
  try {
    const started = new Promise<number>((resolve) => app.on('run', (e) => e.type === 'started' && resolve(e.runId)));
    const starting = app.api.startRun({
      server: { model: 'async', executor: 'per-request' },
      endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'offload', step: { kind: 'block', ms: STUCK_MS } }] }],
      load: closed(50),
    });
    // The UI learns the id from 'started', before the 50 threads are up, and may stop at once.
    const stopping = app.api.stopRun(await started).then(() => performance.now());
    await starting;
    const up = performance.now();
    const stoppedAt = await stopping;
    // Without the early stop the blocks would hold the run for 30 s after the threads were up.
    assert.ok(stoppedAt - up < RELEASE_MS, `stopped ${(stoppedAt - up).toFixed(0)} ms after the threads were up`);
    assert.ok(await eventually(() => threadCount() <= baselineThreads, RELEASE_MS), `threads ${threadCount()}`);
    assert.equal((await app.api.listRuns())[0].status, 'stopped');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/**
 * Spare threads (main/engine/threads/thread-reserve.ts): a run started after one finds every
 * thread it needs already started and runs the same; spares are bounded, follow the last run,
 * go back to the first screen's set when left idle, stop starting when a run begins, keep no
 * process alive, and a spare that cannot start is forgotten (its run starts a thread of its own).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareThreads, ThreadReserve } from '../../../../main/engine/index.ts';
import { SPARES_AT_A_TIME } from '../../../../main/engine/threads/thread-reserve.ts';
import { scenarioSchema, type ScenarioInput } from '../../../../shared/scenario.ts';
import { runAndCollect, shapeOf, shopDbFile } from '../run-and-collect.ts';

const threeWorkers: ScenarioInput = {
  server: { model: 'sync-workers', workers: 3 },
  endpoints: [{ name: 'e', view: 'sync', steps: [{ kind: 'block', ms: 40 }] }],
  load: { model: 'closed', concurrency: 6, end: { kind: 'requests', count: 12 } },
};
/** What a run of `threeWorkers` starts: the upstream, sync-http, the acceptor, 3 workers, the load generator. */
const threeWorkersThreads = { upstream: 1, 'sync-http': 1, server: 1, 'sync-worker': 3, loadgen: 1 };

function reserveFor(
  t: { after(fn: () => Promise<void>): void },
  file = shopDbFile,
  limit = 64,
  trimAfterMs?: number,
): ThreadReserve {
  const reserve = new ThreadReserve(file, limit, trimAfterMs);
  t.after(() => reserve.dispose());
  return reserve;
}

test('a run on spares takes every thread from them and has the shape of a run on new threads', async (t) => {
  const reserve = reserveFor(t);
  await prepareThreads(reserve, scenarioSchema.parse(threeWorkers));
  assert.deepEqual(reserve.readyCounts(), threeWorkersThreads);

  const cold = await runAndCollect(threeWorkers);
  const warm = await runAndCollect(threeWorkers, undefined, { reserve });
  assert.deepEqual(cold.outcome.threads, { started: 7, warm: 0 });
  assert.deepEqual(warm.outcome.threads, { started: 7, warm: 7 });
  assert.equal(warm.outcome.status, 'complete');
  assert.equal(warm.requests.length, 12);
  assert.deepEqual(shapeOf(warm), shapeOf(cold));
  assert.deepEqual(shapeOf(warm), { requestsAtOnce: 3, threadsAtOnce: 3 });

  // After the run the reserve starts the same threads again for the next one.
  await reserve.refilled();
  assert.deepEqual(reserve.readyCounts(), threeWorkersThreads);
  const again = await runAndCollect(threeWorkers, undefined, { reserve });
  assert.deepEqual(again.outcome.threads, { started: 7, warm: 7 });
});

test('the reserve keeps what the last run used, within its limit', async (t) => {
  const reserve = reserveFor(t, shopDbFile, 3);
  await reserve.refill({ 'sync-worker': 2 });
  assert.deepEqual(reserve.readyCounts(), { 'sync-worker': 2 });
  // Another run's threads replace the ones it no longer needs, and never more than the limit.
  await reserve.refill({ executor: 5 });
  assert.deepEqual(reserve.readyCounts(), { executor: 3 });
});

test('asked again for the set it is starting, the reserve goes on: the first ask still ends with all of them', async (t) => {
  const reserve = reserveFor(t);
  const wanted = { executor: SPARES_AT_A_TIME * 2 + 1 };
  const first = reserve.refill(wanted);
  const again = reserve.refill({ ...wanted });
  assert.equal(again, first, 'the same refill');
  await first;
  assert.deepEqual(reserve.readyCounts(), wanted);
  // Another set starts over; after hold() the same set starts again too.
  reserve.hold();
  assert.notEqual(reserve.refill(wanted), first);
  await reserve.refilled();
});

test('a run that begins stops the refill at its current group', async (t) => {
  const reserve = reserveFor(t);
  const refill = reserve.refill({ executor: 40 });
  reserve.hold();
  await refill;
  const started = reserve.readyCounts().executor ?? 0;
  assert.ok(started <= SPARES_AT_A_TIME, `started ${started} spares after hold(), at most one group allowed`);
});

test("left idle after a bigger run, the reserve goes back to the first screen's set; a run in between keeps it", async (t) => {
  const reserve = reserveFor(t, shopDbFile, 64, 50);
  await prepareThreads(reserve, scenarioSchema.parse(threeWorkers));
  assert.deepEqual(reserve.readyCounts(), threeWorkersThreads);
  // What a run of 6 workers would leave behind, then nothing runs.
  const big = { ...threeWorkersThreads, 'sync-worker': 6 };
  await reserve.refill(big);
  assert.deepEqual(reserve.readyCounts(), big);
  // The trim is a refill of the base: wait for the one that follows this one.
  const before = reserve.refilled();
  await new Promise<void>((resolve) => {
    const check = () => (reserve.refilled() !== before ? resolve() : setTimeout(check, 10));
    check();
  });
  await reserve.refilled();
  assert.deepEqual(reserve.readyCounts(), threeWorkersThreads, 'the three extra workers were ended');

  // A run that begins before the idle time is up cancels the trim: six idle times later, the
  // reserve still holds what it held (a late timer could only hide a failure, never make one).
  const busy = reserveFor(t, shopDbFile, 64, 50);
  busy.keepWhenIdle({ 'sync-worker': 1 });
  await busy.refill({ 'sync-worker': 3 });
  busy.hold();
  const held = busy.refilled();
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(busy.refilled(), held, 'no refill after hold()');
  assert.deepEqual(busy.readyCounts(), { 'sync-worker': 3 });
});

test('a spare that cannot start is forgotten, and a run on another shop starts its own threads', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-reserve-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // Never seeded: the spares' shop has no products, so each fails as it opens it.
  const reserve = reserveFor(t, join(dir, 'missing-shop.db'));
  await reserve.refill({ executor: 2, 'sync-worker': 1, loadgen: 1 });
  assert.deepEqual(reserve.readyCounts(), { loadgen: 1 });
  assert.equal(reserve.starting, false);

  const run = await runAndCollect(threeWorkers, undefined, { reserve });
  assert.equal(run.outcome.status, 'complete');
  assert.deepEqual(run.outcome.threads, { started: 7, warm: 0 }, 'a reserve for another shop is not used');
});

test('spares keep no process alive', async (t) => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'reserve-child.ts'), shopDbFile],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  // The child starts spares and returns from its main module without disposing of them.
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 60_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  assert.match(out, /spares ready: 3/);
  assert.equal(code, 0, 'the process ended by itself with its spares idle');
});

test("a spare's clock is checked while it waits, and the run that takes it uses that figure", async (t) => {
  const reserve = reserveFor(t);
  await reserve.refill({ upstream: 1 });
  const taken = reserve.take('upstream', {}, []);
  assert.ok(taken, 'a started spare is there to take');
  t.after(() => taken.worker.terminate());
  // One clock for every thread: the figure is the round trip's uncertainty, never unmeasured.
  assert.ok(Number.isFinite(taken.clockSkewMs) && taken.clockSkewMs >= 0, `skew ${taken.clockSkewMs} ms`);
  const ready = await new Promise<{ type: string }>((resolve) => taken.worker.once('message', resolve));
  assert.equal(ready.type, 'ready', 'configured after the clock check, it starts as a fresh one would');
});

// The engine's workers bundled from source (tests and development without a fresh build): into a
// folder of the temporary folder, loadable from there (native better-sqlite3 included), removed
// when the process exits, and swept by the next process when it was killed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { monotonicMs } from '../../../../main/engine/clock.ts';
import { createControl } from '../../../../main/engine/control.ts';
import { seedShop } from '../../../../main/engine/db/shop.ts';
import type { ExecutorThreadData, ThreadReport } from '../../../../main/engine/threads/protocol.ts';
import { bundleFromSource, sweepDeadBundles } from '../../../../main/engine/threads/source-bundle.ts';
import { workerSourceFiles } from '../../../../main/engine/threads/worker-files.ts';
import { createRequire } from 'node:module';
import type * as Esbuild from 'esbuild';

const parent = mkdtempSync(join(tmpdir(), 'interleave-source-bundle-'));
after(() => rmSync(parent, { recursive: true, force: true }));
const source = (path: string) => fileURLToPath(new URL(`../../../../main/engine/${path}`, import.meta.url));
const nodeModules = fileURLToPath(new URL('../../../../node_modules', import.meta.url));
const CHILD = fileURLToPath(new URL('./bundle-child.ts', import.meta.url));

test('an executor thread starts from the bundle and opens the shop through the native module', async () => {
  const dir = bundleFromSource({ 'executor.worker': source('executor/executor.worker.ts') }, nodeModules, parent);
  assert.ok(dir.startsWith(join(parent, `interleave-workers-${process.pid}-`)), dir);
  assert.deepEqual(readdirSync(dir).sort(), ['executor.worker.mjs', 'node_modules']);

  const shopDbFile = join(parent, 'shop.db');
  seedShop(shopDbFile);
  const syncHttp = new MessageChannel();
  const server = new MessageChannel();
  const data: ExecutorThreadData = {
    epochMs: monotonicMs(),
    control: createControl(),
    iterationsPerMs: 1_000,
    shopDbFile,
    upstream: { baseUrl: 'http://127.0.0.1:9', refusedUrl: 'http://127.0.0.1:9' },
    syncHttpPort: syncHttp.port2,
    lane: 1,
    gil: null,
    db: null,
    framework: null,
    process: 0,
    serverPort: server.port2,
  };
  const worker = new Worker(pathToFileURL(join(dir, 'executor.worker.mjs')), {
    workerData: data,
    transferList: [syncHttp.port2, server.port2],
    execArgv: [],
  });
  try {
    const [first] = (await once(worker, 'message')) as [ThreadReport];
    assert.equal(first.type, 'ready');
  } finally {
    await worker.terminate();
    syncHttp.port1.close();
    server.port1.close();
  }
});

/** Runs bundle-child.ts; resolves with the folder it printed and the child. */
async function bundlingChild(then: 'exit' | 'wait') {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, parent, then], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const [dir] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return { child, dir, exited };
}

test('a process that exits removes its bundle', async () => {
  const { dir, exited } = await bundlingChild('exit');
  assert.deepEqual(await exited, [0, null]);
  assert.equal(existsSync(dir), false, `${dir} is gone`);
});

test('a killed process leaves its bundle; the next sweep removes it and keeps the living ones', async (t) => {
  const { child, dir, exited } = await bundlingChild('wait');
  t.after(() => child.kill('SIGKILL'));
  const mine = bundleFromSource({ 'upstream.worker': source('upstream/upstream.worker.ts') }, nodeModules, parent);
  child.kill('SIGKILL');
  assert.deepEqual(await exited, [null, 'SIGKILL']);
  assert.ok(existsSync(join(dir, 'upstream.worker.mjs')), 'the killed process could not remove its bundle');
  sweepDeadBundles(parent);
  assert.equal(existsSync(dir), false, "the dead process's bundle is swept");
  assert.ok(existsSync(join(mine, 'upstream.worker.mjs')), "this process's own bundle is kept");
  assert.ok(existsSync(nodeModules), 'removing a bundle never follows its node_modules link');
});

test("no engine thread loads zod: the scenario's schemas stay in the main thread", () => {
  // Loading zod was ~80 ms of a new thread's ~130 ms start (a run of 50 per-request threads
  // waited seconds for it); the threads read scenarios through shared/scenario-rules.ts.
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  for (const [name, entry] of Object.entries(workerSourceFiles())) {
    const { metafile } = esbuild.buildSync({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      external: ['better-sqlite3'],
      logLevel: 'error',
    });
    const inputs = Object.keys(metafile.inputs);
    assert.deepEqual(
      inputs.filter((file) => /node_modules\/zod\/|shared\/scenario\.ts$/.test(file)),
      [],
      `the ${name} thread's code`,
    );
  }
});

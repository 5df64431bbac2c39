// Ten runs in a row in one process, each a different preset: afterwards the process holds what
// it held before them (threads, active handles, listening sockets, JS heap after a full
// collection), so a long session does not pile up leftovers run after run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type App } from '../../../main/app/app.ts';
import { PRESETS } from '../../../shared/presets.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { activeResources, eventually, heapAfterGc, listeningSockets, threadCount } from './process-probe.ts';

const MB = 1024 * 1024;

async function run(app: App, scenario: ScenarioInput): Promise<string> {
  const finished = new Promise<string>((resolve) =>
    app.on('run', (e) => e.type === 'finished' && resolve(e.info.status)),
  );
  await app.api.startRun({ ...scenario, load: { ...scenario.load, end: { kind: 'requests', count: 20 } } });
  return finished;
}

test('ten runs in a row leave no threads, handles, sockets or heap behind', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'interleave-ten-runs-'));
  const app = await openApp({ dataDir, mode: 'browser' });
  try {
    // A first run starts what V8, libuv and SQLite keep for the life of the process.
    assert.equal(await run(app, PRESETS[0].scenario), 'complete');
    const threads = threadCount();
    const resources = activeResources();
    const heap = heapAfterGc();

    const presets = PRESETS.slice(0, 10);
    assert.equal(presets.length, 10);
    for (const preset of presets) assert.equal(await run(app, preset.scenario), 'complete', preset.id);

    assert.ok(await eventually(() => threadCount() <= threads, 1_000), `threads: ${threads} → ${threadCount()}`);
    assert.deepEqual(activeResources(), resources);
    assert.deepEqual(listeningSockets(), []);
    const grown = heapAfterGc() - heap;
    t.diagnostic(
      `after ten runs: ${threadCount()} threads (${threads} before), heap ${(grown / MB).toFixed(2)} MB more`,
    );
    assert.ok(grown < 2 * MB, `the heap grew by ${(grown / MB).toFixed(2)} MB over ten runs`);
    assert.equal((await app.api.listRuns()).length, 11);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

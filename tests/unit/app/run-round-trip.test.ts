/**
 * A run through the app (engine + store + API): stored while it runs, reopened with exactly the
 * numbers it ended with, exported and imported back unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../../main/app/app.ts';
import { computeSummary } from '../../../shared/analysis/summary.ts';
import type { RunEvent } from '../../../shared/bridge.ts';

test('a run is stored as it streams, reopens with the same numbers, and survives JSON export/import', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-app-test-'));
  const app = await openApp({ dataDir: dir, mode: 'browser' });
  try {
    const events: RunEvent[] = [];
    app.on('run', (e) => events.push(e));
    const finished = new Promise<RunEvent>((resolve) => app.on('run', (e) => e.type === 'finished' && resolve(e)));
    const info = await app.api.startRun(
      {
        server: { model: 'async', executor: 'pool', poolThreads: 2 },
        endpoints: [
          {
            name: 'orm',
            view: 'async',
            steps: [
              { kind: 'offload', step: { kind: 'db', query: 'cart-get', ms: 20 } },
              { kind: 'cpu', ms: 2 },
            ],
          },
        ],
        load: { model: 'closed', concurrency: 4, end: { kind: 'requests', count: 24 } },
      },
      'round trip',
    );
    assert.equal(info.status, 'running');
    assert.equal(info.cores, availableParallelism(), 'the run records the cores it is made on');
    assert.equal((await app.api.hostInfo()).cores, availableParallelism());
    await assert.rejects(
      app.api.startRun({
        server: { model: 'async' },
        endpoints: [{ name: 'a', view: 'async', steps: [] }],
        load: { model: 'closed', end: { kind: 'requests', count: 1 } },
      }),
      /still running/,
    );
    const done = await finished;
    assert.ok(
      events.some((e) => e.type === 'batch'),
      'batches streamed',
    );
    assert.ok(done.type === 'finished' && done.info.status === 'complete');

    const doc = await app.api.loadRun(info.id);
    assert.equal(doc.requests.length, 24);
    assert.deepEqual(computeSummary(doc), doc.info.summary, 'reopened run computes the numbers it ended with');

    const exported = await app.api.exportRun(info.id, 'json');
    const imported = await app.api.importRun(exported.text);
    const again = await app.api.loadRun(imported.id);
    assert.deepEqual({ ...again, info: { ...again.info, id: 0 } }, { ...doc, info: { ...doc.info, id: 0 } });
    assert.equal((await app.api.listRuns()).length, 2);

    await app.api.renameRun(imported.id, 'copy');
    await app.api.deleteRun(imported.id);
    assert.deepEqual(
      (await app.api.listRuns()).map((r) => r.id),
      [info.id],
    );
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

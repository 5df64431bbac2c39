// Kill -9 in the middle of a run, then start again: the run is listed as interrupted with what
// it had recorded, loads and exports, the user is told, and the next run works (no lock, no
// half-written shop database left behind). The worker bundle a killed process could not remove
// is tested in tests/unit/engine/threads/source-bundle.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openApp } from '../../../main/app/app.ts';
import type { BridgeEvents } from '../../../shared/bridge.ts';

const CHILD = fileURLToPath(new URL('./run-until-killed.ts', import.meta.url));
const ENOUGH = 200;

test('SIGKILL mid-run: on the next start the run is interrupted, its records kept and usable', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'interleave-killed-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));

  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  let runId = 0;
  let recorded = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    [runId, recorded] = line.split(' ').map(Number);
    if (recorded >= ENOUGH) break;
  }
  child.kill('SIGKILL');
  const [code, signal] = await exited;
  assert.deepEqual([code, signal], [null, 'SIGKILL'], 'killed, not finished');
  assert.ok(recorded >= ENOUGH, `the child recorded ${recorded} requests before it was killed`);

  const app = await openApp({ dataDir, mode: 'browser' });
  try {
    const notices: BridgeEvents['notice'][] = [];
    app.on('notice', (n) => notices.push(n));
    const info = (await app.api.listRuns()).find((r) => r.id === runId);
    assert.ok(info, `run ${runId} is listed`);
    assert.equal(info.status, 'interrupted');
    assert.equal(info.name, 'killed mid-run');
    assert.ok(
      info.recordedRequests >= recorded,
      `${info.recordedRequests} kept, at least the ${recorded} seen committed`,
    );
    assert.match(
      notices.map((n) => n.text).join('\n'),
      new RegExp(`Run #${runId} stopped without finishing .* marked interrupted`),
    );

    const doc = await app.api.loadRun(runId);
    assert.equal(doc.requests.length, info.recordedRequests);
    assert.ok(doc.spans.length > 0 && doc.lanes.length > 0, 'its spans and lanes are there too');
    const exported = await app.api.exportRun(runId, 'html');
    assert.match(exported.text, /killed mid-run/);

    // The shop database and the store were left mid-write; a new run must not mind.
    const finished = new Promise<BridgeEvents['run']>((resolve) =>
      app.on('run', (e) => e.type === 'finished' && resolve(e)),
    );
    await app.api.startRun({
      server: { model: 'async', executor: 'per-request' },
      endpoints: [
        { name: 'list', view: 'async', steps: [{ kind: 'offload', step: { kind: 'db', query: 'order-insert' } }] },
      ],
      load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 10 } },
    });
    const after = await finished;
    assert.ok(after.type === 'finished');
    assert.equal(after.info.status, 'complete');
    assert.equal(after.summary?.errors, 0, 'every insert into the shop went through');
  } finally {
    await app.close();
  }
});

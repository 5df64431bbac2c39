/**
 * Start-up shows as its own progress: "starting threads k / n" counts up to n, every count once,
 * before the load's first progress; then the count leaves the progress.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScenario } from '../../../../main/engine/index.ts';
import { scenarioSchema } from '../../../../shared/scenario.ts';
import type { RunProgress } from '../../../../shared/trace.ts';

test('threads report Ready one by one as starting progress, before the load runs', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-start-progress-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const scenario = scenarioSchema.parse({
    server: { model: 'sync-workers', workers: 3 },
    endpoints: [{ name: 'e', view: 'sync', steps: [{ kind: 'block', ms: 5 }] }],
    load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 4 } },
  });
  const seen: RunProgress[] = [];
  const run = await startScenario(scenario, { shopDbFile: join(dir, 'shop.db'), onProgress: (p) => seen.push(p) });
  const outcome = await run.done;
  assert.equal(outcome.status, 'complete');

  const starting = seen.filter((p) => p.phase === 'starting').map((p) => p.threads);
  const total = starting[0]!.total;
  // The count is known before the first thread starts, and is what the run started: three
  // workers, the acceptor, the sync-http thread, the load generator and the upstream.
  assert.equal(total, 7);
  assert.equal(outcome.threads?.started, total);
  // Each Ready counted once, in order.
  assert.deepEqual(
    starting.map((s) => s!.ready),
    Array.from({ length: total + 1 }, (_, i) => i),
  );
  // A short run may end before its first tick: the load began once any progress is not 'starting'.
  const firstAfter = seen.findIndex((p) => p.phase === 'running' || p.phase === 'finishing');
  assert.ok(firstAfter > 0, 'the load began, and after start-up');
  assert.ok(
    seen.slice(firstAfter).every((p) => p.phase !== 'starting' && p.threads === undefined),
    'no starting progress (and no thread count) after the load began',
  );
});

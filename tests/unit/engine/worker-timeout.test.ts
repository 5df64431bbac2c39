/**
 * gunicorn's `--timeout` in the model: a sync worker busy longer than the timeout is aborted by
 * the arbiter at one of its looks, its request answered 500 (WORKER TIMEOUT), and the worker
 * serves the next request as the replacement gunicorn forks, once booted. Asserted on the order
 * of spans and answers, with lower bounds only (timers never fire early): the abort comes past
 * the timeout, the aborted step ends before its full length, and the next request starts no
 * sooner than the replacement's exit and boot after the answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { ofPhase, runAndCollect } from './run-and-collect.ts';
import { WORKER_BOOT_US, WORKER_EXIT_US } from '../../../main/engine/server/arbiter.ts';

const stuck = (model: 'sync-workers' | 'gthread', ms: number): ScenarioInput => ({
  server: { model, workers: 1, workerTimeoutS: 1 },
  endpoints: [{ name: 'stuck', view: 'sync', steps: [{ kind: 'block', ms }] }],
  load: { model: 'closed', concurrency: 1, end: { kind: 'requests', count: 2 } },
});

test('--timeout 1 with time.sleep(3): each request fails with WORKER TIMEOUT, the worker serves on', async () => {
  const c = await runAndCollect(stuck('sync-workers', 3_000));
  assert.equal(c.requests.length, 2);
  for (const r of c.requests) {
    assert.equal(r.status, 500, `request ${r.id}`);
    assert.match(r.error ?? '', /^WORKER TIMEOUT: gunicorn's arbiter aborted the worker after --timeout 1 s/);
  }
  const blocks = ofPhase(c, 'block').sort((a, b) => a.start - b.start);
  assert.equal(blocks.length, 2);
  // Aborted: the sleep ended long before its 3 s, and before the next request began on the worker.
  assert.ok(blocks[0].end - blocks[0].start < 3_000_000, 'the first sleep was cut short');
  assert.ok(blocks[0].end <= blocks[1].start, 'the next request ran after the abort, on the same worker');
  assert.equal(blocks[0].lane, blocks[1].lane);
  // The answer came at the abort, past the timeout, not when the sleep would have ended.
  const first = c.requests.find((r) => r.id === blocks[0].req)!;
  assert.ok(first.responded! > blocks[0].start + 1_000_000, 'aborted only past --timeout 1');
  assert.ok(first.responded! < blocks[0].start + 3_000_000);
  // The replacement exits the old and boots before it takes the next request (the answer is
  // stamped just after the abort, so up to a millisecond of the wait falls before it).
  assert.ok(
    blocks[1].start - first.responded! >= WORKER_EXIT_US + WORKER_BOOT_US - 1_000,
    `next request began ${blocks[1].start - first.responded!} µs after the answer`,
  );
});

test('a request within the timeout is served as usual; gthread is not timed out by a long request', async () => {
  const quick = await runAndCollect(stuck('sync-workers', 20));
  assert.equal(quick.outcome.summary.errors, 0);
  const threads = await runAndCollect(stuck('gthread', 1_500));
  assert.equal(threads.outcome.summary.errors, 0, threads.requests.find((r) => r.error)?.error ?? '');
});

/**
 * gunicorn 26's sync worker on the model: no keep-alive (every request opens its own connection,
 * as the client's connect phase shows), and after each response the worker waits for the client
 * to close the connection (its `closing` span) before it takes the next one. gthread keeps its
 * connections alive. Ordering only: no duration is asserted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { ofPhase, runAndCollect } from './run-and-collect.ts';

const load = { model: 'closed', concurrency: 4, end: { kind: 'requests', count: 24 } } as const;
const sleepy = [{ name: 'v', view: 'sync', steps: [{ kind: 'block', ms: 5 }] }] as ScenarioInput['endpoints'];

test('sync workers: a connection per request, and the worker waits for its close before the next', async () => {
  const c = await runAndCollect({ server: { model: 'sync-workers', workers: 2 }, endpoints: sleepy, load });
  assert.equal(c.outcome.summary.errors, 0, c.outcome.error ?? '');
  assert.ok(
    c.requests.every((r) => r.connectStart !== undefined),
    'every request connected: no kept-alive connection to reuse',
  );
  const closing = ofPhase(c, 'closing');
  assert.equal(closing.length, 24, 'one close a request');
  for (const close of closing) {
    const request = c.requests.find((r) => r.id === close.req)!;
    assert.ok(close.start >= request.responded!, `request ${close.req}: the close follows its response`);
    // The worker's next request starts running only once this connection is closed.
    const later = ofPhase(c, 'running').filter((s) => s.lane === close.lane && s.start >= close.start);
    for (const s of later) assert.ok(s.start >= close.end, `worker lane ${close.lane}: request ${s.req} waited`);
  }
});

test('gthread keeps connections alive: each of the 4 users connects once, nothing waits to close', async () => {
  const c = await runAndCollect({ server: { model: 'gthread', workers: 1, threads: 2 }, endpoints: sleepy, load });
  assert.equal(c.outcome.summary.errors, 0, c.outcome.error ?? '');
  assert.ok(c.requests.filter((r) => r.connectStart !== undefined).length <= 4);
  assert.equal(ofPhase(c, 'closing').length, 0);
});

/**
 * A loop blocked in its views serves requests in the order it read them, and reads between one
 * view and the next, as uvicorn's does: each request is a task, and Django's handler awaits before
 * the view. Asserted on the order of stamps and spans, never on durations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ofPhase, runAndCollect } from './run-and-collect.ts';

test('time.sleep in async def, 4 users on one loop: views in the order read, each request read before the next view', async () => {
  const c = await runAndCollect({
    server: { model: 'async' },
    endpoints: [{ name: 'sleepy', view: 'async', steps: [{ kind: 'block', ms: 50 }] }],
    load: { model: 'closed', concurrency: 4, end: { kind: 'requests', count: 16 } },
    seed: 1,
  });
  assert.equal(c.outcome.summary.errors, 0, c.outcome.error ?? '');
  const byId = new Map(c.requests.map((r) => [r.id, r]));
  const views = ofPhase(c, 'block').sort((a, b) => a.start - b.start);
  assert.equal(views.length, 16);
  for (let i = 1; i < views.length; i++)
    assert.ok(
      byId.get(views[i].req)!.accepted! >= byId.get(views[i - 1].req)!.accepted!,
      `request ${views[i].req} ran after ${views[i - 1].req}, read before it`,
    );
  // A request sent while a view blocks the loop is read when that view ends, before the next one
  // starts: no view starts between its sending and its reading. (Reading inside a batch of views,
  // a request waited through several.)
  for (const r of c.requests) {
    const between = views.filter((v) => v.start > r.sent && v.start < r.accepted!);
    assert.ok(between.length <= 1, `request ${r.id} was read after ${between.length} views began`);
  }
});

// The load's client timeout (`load.timeoutMs`): a response slower than it is a timeout error on
// the timeline, for short timeouts too (undici's own timers tick about once a second, so a
// 100 ms timeout used to let a 400 ms response through as answered), and the run completes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAndCollect } from '../engine/run-and-collect.ts';

for (const timeoutMs of [10, 100]) {
  test(`a ${timeoutMs} ms client timeout against a 400 ms view: every request times out, the run completes`, async () => {
    const c = await runAndCollect({
      server: { model: 'async' },
      endpoints: [{ name: 'slow', view: 'async', steps: [{ kind: 'await', ms: 400 }] }],
      load: { model: 'closed', concurrency: 3, timeoutMs, end: { kind: 'requests', count: 6 } },
    });
    assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
    assert.equal(c.requests.length, 6);
    for (const r of c.requests) {
      assert.deepEqual(
        [r.status, r.error, r.received],
        [0, `timed out after ${timeoutMs} ms`, null],
        `request ${r.id}`,
      );
    }
    assert.equal(c.outcome.summary.errors, 6);
  });
}

test('a response inside the timeout is answered, on a connection reused after timeouts', async () => {
  const c = await runAndCollect({
    server: { model: 'async' },
    endpoints: [
      { name: 'slow', view: 'async', weight: 1, steps: [{ kind: 'await', ms: 300 }] },
      { name: 'fast', view: 'async', weight: 1, steps: [{ kind: 'await', ms: 5 }] },
    ],
    load: { model: 'closed', concurrency: 2, timeoutMs: 150, end: { kind: 'requests', count: 16 } },
  });
  assert.equal(c.outcome.status, 'complete');
  for (const r of c.requests) {
    if (r.endpoint === 0) assert.equal(r.error, 'timed out after 150 ms', `request ${r.id}`);
    else assert.deepEqual([r.status, r.error], [200, null], `request ${r.id}`);
  }
  assert.ok(c.requests.some((r) => r.endpoint === 0) && c.requests.some((r) => r.endpoint === 1));
});

/**
 * A spare's HTTP exercise (main/engine/threads/http-exercise.ts): exactly the calls asked for,
 * never more than `parallel` at once, each answered by the throwaway server, which is closed
 * after (nothing is left listening or holding the thread open).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request } from 'undici';
import { exerciseHttp } from '../../../../main/engine/threads/http-exercise.ts';

test('the exercise makes the calls asked for, a few at a time, each answered, then what comes afterwards, and closes its server', async () => {
  const agent = new Agent();
  let inFlight = 0;
  let most = 0;
  const statuses: number[] = [];
  let url = '';
  let afterwardsUrl = '';
  await exerciseHttp(
    async (u) => {
      url = u;
      most = Math.max(most, ++inFlight);
      const res = await request(u, { dispatcher: agent });
      statuses.push(res.statusCode);
      assert.deepEqual(await res.body.json(), { ok: true, endpoint: 'warm-up' });
      inFlight--;
    },
    { requests: 23, parallel: 4, afterwards: async (u) => void (afterwardsUrl = u) },
  );
  await agent.close();
  assert.equal(statuses.length, 23);
  assert.ok(statuses.every((s) => s === 200));
  assert.equal(most, 4, 'four at a time, the last group three');
  assert.equal(afterwardsUrl, url, 'what comes afterwards has the same server');
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  await assert.rejects(request(url), { code: 'ECONNREFUSED' }, 'the server is closed after');
});

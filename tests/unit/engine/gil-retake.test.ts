/**
 * A thread back from a wait that let go of the interpreter lock (time.sleep, a socket, SQLite)
 * takes the lock again before it runs more Python, and waits its turn when another thread is
 * computing: the wait shows as the lock's phase, right after the sleep, on the sleeper's thread.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { ofPhase, runAndCollect } from './run-and-collect.ts';

/** One request gathering two offloads on a pool of two: one computes 300 ms, one sleeps 20 ms. */
const sleeperBesideCruncher = (gil: boolean): ScenarioInput => ({
  server: { model: 'async', executor: 'pool', poolThreads: 2, gil },
  endpoints: [
    {
      name: 'a',
      view: 'async',
      steps: [
        {
          kind: 'gather',
          steps: [
            { kind: 'offload', step: { kind: 'cpu', ms: 300 } },
            { kind: 'offload', step: { kind: 'block', ms: 20 } },
          ],
        },
      ],
    },
  ],
  load: { model: 'closed', concurrency: 1, end: { kind: 'requests', count: 1 } },
});

test('the sleeper waits for the lock right after its sleep, while the other thread computes', async () => {
  const c = await runAndCollect(sleeperBesideCruncher(true));
  const [block] = ofPhase(c, 'block');
  assert.ok(block, 'the sleep was recorded');
  const retake = ofPhase(c, 'gil').find((g) => g.lane === block.lane && g.start >= block.end);
  assert.ok(retake, `a lock wait on the sleeper's thread after its sleep; spans: ${JSON.stringify(c.spans)}`);
  assert.ok(retake.start - block.end < 1_000, 'it starts as the sleep ends');
  const cpuOnOtherLane = ofPhase(c, 'cpu').filter((s) => s.lane !== block.lane);
  assert.ok(
    cpuOnOtherLane.some((s) => s.start <= retake.start && s.end >= retake.start),
    'the other thread held the lock, computing, when the sleeper came back',
  );
});

test('with the lock off (free-threaded Python) the sleeper never waits for it', async () => {
  const c = await runAndCollect(sleeperBesideCruncher(false));
  assert.equal(ofPhase(c, 'gil').length, 0);
  assert.equal(ofPhase(c, 'block').length, 1);
});

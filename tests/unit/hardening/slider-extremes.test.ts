// Every slider at its end stop, run on the real engine: the most workers, pool threads,
// per-request threads, users and arrivals the schema allows, every step at 0 ms, the widest
// scenario, and the slowest arrival rate. Each completes with every request answered; the slow
// rate ends when its time is up rather than waiting for an arrival that will never be sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PER_REQUEST_THREADS, type ScenarioInput, type Step } from '../../../shared/scenario.ts';
import { KNOB_LIMITS } from '../../../renderer/src/scenario/knob-limits.ts';
import { runAndCollect } from '../engine/run-and-collect.ts';

const quick: Step[] = [{ kind: 'await', ms: 1 }];
const offloadBlock: Step[] = [{ kind: 'offload', step: { kind: 'block', ms: 1 } }];

const EXTREMES: Record<string, { scenario: ScenarioInput; requests: number }> = {
  [`${KNOB_LIMITS.workers.max} sync workers`]: {
    scenario: {
      server: { model: 'sync-workers', workers: KNOB_LIMITS.workers.max },
      endpoints: [{ name: 's', view: 'sync', steps: [{ kind: 'block', ms: 1 }] }],
      load: { model: 'closed', concurrency: 64, end: { kind: 'requests', count: 128 } },
    },
    requests: 128,
  },
  [`a pool of ${KNOB_LIMITS.poolThreads.max}`]: {
    scenario: {
      server: { model: 'async', executor: 'pool', poolThreads: KNOB_LIMITS.poolThreads.max },
      endpoints: [{ name: 'a', view: 'async', steps: offloadBlock }],
      load: { model: 'closed', concurrency: 64, end: { kind: 'requests', count: 128 } },
    },
    requests: 128,
  },
  [`${MAX_PER_REQUEST_THREADS} per-request threads`]: {
    scenario: {
      server: { model: 'async', executor: 'per-request' },
      endpoints: [{ name: 'a', view: 'async', steps: offloadBlock }],
      load: { model: 'closed', concurrency: MAX_PER_REQUEST_THREADS, end: { kind: 'requests', count: 512 } },
    },
    requests: 512,
  },
  [`${KNOB_LIMITS.concurrency.max} users`]: {
    scenario: {
      server: { model: 'async' },
      endpoints: [{ name: 'a', view: 'async', steps: quick }],
      load: { model: 'closed', concurrency: KNOB_LIMITS.concurrency.max, end: { kind: 'requests', count: 2000 } },
    },
    requests: 2000,
  },
  [`${KNOB_LIMITS.rateRps.max} arrivals a second`]: {
    scenario: {
      server: { model: 'async' },
      endpoints: [{ name: 'a', view: 'async', steps: quick }],
      load: {
        model: 'open',
        rateRps: KNOB_LIMITS.rateRps.max,
        maxInFlight: 1000,
        end: { kind: 'requests', count: 5000 },
      },
    },
    requests: 5000,
  },
  'every step kind at 0 ms, and a gather of 32': {
    scenario: {
      // DJANGO_ALLOW_ASYNC_UNSAFE, so the inline db step runs and every step after it too.
      server: { model: 'async', executor: 'one-thread', allowAsyncUnsafe: true },
      endpoints: [
        {
          name: 'a',
          view: 'async',
          steps: [
            { kind: 'await', ms: 0 },
            { kind: 'block', ms: 0 },
            { kind: 'cpu', ms: 0 },
            { kind: 'db', query: 'order-insert', ms: 0 },
            { kind: 'upstream', ms: 0 },
            { kind: 'offload', step: { kind: 'cpu', ms: 0 } },
            { kind: 'gather', steps: Array.from({ length: 32 }, () => ({ kind: 'await', ms: 0 }) as const) },
          ],
        },
      ],
      load: { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 10 } },
    },
    requests: 10,
  },
  '32 endpoints of 64 steps, weights from 0.001 to 1000': {
    scenario: {
      server: { model: 'async' },
      endpoints: Array.from({ length: 32 }, (_, i) => ({
        name: `e${i}`,
        view: 'async' as const,
        weight: i === 0 ? 0.001 : 1000,
        steps: Array.from({ length: 64 }, () => ({ kind: 'await', ms: 0 }) as const),
      })),
      load: { model: 'closed', concurrency: 10, end: { kind: 'requests', count: 100 } },
    },
    requests: 100,
  },
};

for (const [what, { scenario, requests }] of Object.entries(EXTREMES)) {
  test(`${what}: the run completes, every request answered`, async () => {
    const c = await runAndCollect(scenario);
    assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
    assert.equal(c.requests.length, requests);
    const errors = c.requests.filter((r) => r.error !== null);
    assert.deepEqual(errors.slice(0, 3), [], `${errors.length} errors`);
  });
}

test(`the slowest rate (${KNOB_LIMITS.rateRps.min} a second) for the shortest time: one request, and the run ends on time`, async () => {
  // When the load ended, by the run's own clock: the progress the engine sends as it finishes.
  let loadEndedBy: number | null = null;
  const c = await runAndCollect(
    {
      server: { model: 'async' },
      endpoints: [{ name: 'a', view: 'async', steps: quick }],
      load: {
        model: 'open',
        rateRps: KNOB_LIMITS.rateRps.min,
        end: { kind: 'duration', seconds: KNOB_LIMITS.durationSeconds.min },
      },
    },
    undefined,
    { onProgress: (p) => p.phase === 'finishing' && (loadEndedBy = p.elapsedMs) },
  );
  assert.equal(c.outcome.status, 'complete');
  assert.equal(c.requests.length, 1);
  // The next arrival would be 1 / rate = 10 s away; the run used to wait for it before noticing it
  // was over. Ending before that arrival is the point, however slowly the machine ran the rest.
  const nextArrivalMs = 1000 / KNOB_LIMITS.rateRps.min;
  assert.ok(loadEndedBy !== null, 'the engine said it was finishing');
  assert.ok(loadEndedBy < nextArrivalMs, `the load ended after ${loadEndedBy} ms, not before the next arrival`);
});

// Random small scenarios from the schema's own choices, run on the real engine: each one either
// is refused by validation or runs to 'complete' with every request recorded, within a bound,
// with no unhandled rejection and no thread or socket left behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startScenario } from '../../../main/engine/index.ts';
import { scenarioSchema } from '../../../shared/scenario.ts';
import { shopDbFile } from '../engine/run-and-collect.ts';
import { quickScenario } from './arbitraries.ts';
import { assertFuzz } from './fuzz-seed.ts';
import { eventually, listeningSockets, threadCount } from './process-probe.ts';

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));
process.on('uncaughtException', (error) => unhandled.push(error));

/** 15 by default; set INTERLEAVE_FUZZ_RUNS for a longer search. */
const RUNS = Number(process.env.INTERLEAVE_FUZZ_RUNS ?? 15);
/** Far above what the generator's scenarios need (a few seconds at worst): a hang, not slowness. */
const RUN_BOUND_MS = 10_000;

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test(`${RUNS} random scenarios: refused by validation, or run to completion on the real engine`, async (t) => {
  const threadsBefore = threadCount();
  let ran = 0;
  let refused = 0;
  await assertFuzz(t, 'random scenarios', RUNS, (count) =>
    fc.asyncProperty(quickScenario, async (input) => {
      count();
      const parsed = scenarioSchema.safeParse(input);
      if (!parsed.success) {
        refused++;
        return;
      }
      ran++;
      let requests = 0;
      const running = await startScenario(parsed.data, {
        shopDbFile,
        onBatch: (batch) => (requests += batch.requests.length),
      });
      const outcome = await within(running.done, RUN_BOUND_MS, 'the run');
      assert.equal(outcome.status, 'complete', outcome.error ?? '');
      const end = parsed.data.load.end;
      if (end.kind === 'requests') assert.equal(requests, end.count, 'every request recorded');
      assert.equal(outcome.summary.requests, requests);
    }),
  );
  assert.deepEqual(unhandled, [], 'no unhandled rejection or exception');
  assert.deepEqual(listeningSockets(), [], 'no socket left listening');
  // Threads end asynchronously after terminate(); V8 and libuv may have started a few of their own.
  assert.ok(
    await eventually(() => threadCount() <= threadsBefore + 6, 2_000),
    `threads: ${threadsBefore} → ${threadCount()}`,
  );
  t.diagnostic(`random scenarios: ${RUNS} (${ran} ran to completion, ${refused} refused by validation)`);
});

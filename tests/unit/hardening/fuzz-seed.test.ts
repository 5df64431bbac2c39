// The fuzzers' harness (fuzz-seed.ts): the same seed gives the same cases, a failure names the
// seed to replay it, and a property that does not really run its cases fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertFuzz, FUZZ_SEED } from './fuzz-seed.ts';

test('the fixed seed gives the same cases on every run', async (t) => {
  const seen: number[][] = [[], []];
  for (const list of seen) {
    await assertFuzz(t, 'collect', 50, (count) =>
      fc.property(fc.integer(), (n) => {
        count();
        list.push(n);
      }),
    );
  }
  assert.equal(seen[0].length, 50);
  assert.deepEqual(seen[0], seen[1]);
});

test('a failing property reports the seed and how to replay it', async (t) => {
  await assert.rejects(
    assertFuzz(t, 'always fails', 10, (count) =>
      fc.property(fc.nat(), (n) => {
        count();
        assert.ok(n < 0, 'a natural number is never negative');
      }),
    ),
    (error: Error) => {
      assert.match(error.message, new RegExp(`^always fails failed with seed ${FUZZ_SEED} `));
      assert.match(error.message, new RegExp(`INTERLEAVE_FUZZ_SEED=${FUZZ_SEED}`));
      return true;
    },
  );
});

test('a property that skips its check for some cases fails the count', async (t) => {
  await assert.rejects(
    assertFuzz(t, 'half checked', 40, (count) =>
      fc.property(fc.nat(), (n) => {
        if (n % 2 === 0) count();
      }),
    ),
    /half checked: every one of the 40 cases ran/,
  );
});

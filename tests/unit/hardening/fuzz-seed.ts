/**
 * The fuzzers' fixed seed: every run of the suite tries the same cases, so a failure can be
 * replayed exactly; the seed is printed with it (and as a diagnostic when it passes).
 * `INTERLEAVE_FUZZ_SEED=n` tries other cases.
 */
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';

export const FUZZ_SEED = Number(process.env.INTERLEAVE_FUZZ_SEED ?? 20_261_205);

/**
 * fc.assert with the fixed seed and exactly `numRuns` cases. `build` makes the property around a
 * `count` callback, which the predicate calls once for every case it really runs (after any
 * fc.pre): afterwards exactly numRuns must have run, so a generator whose cases are all skipped,
 * or a property that returns before checking, cannot pass unnoticed. A failure is rethrown with
 * the seed and the command to replay it.
 */
export async function assertFuzz<Ts>(
  t: TestContext,
  label: string,
  numRuns: number,
  build: (count: () => void) => fc.IRawProperty<Ts>,
): Promise<void> {
  let ran = 0;
  try {
    await fc.assert(
      build(() => ran++),
      { seed: FUZZ_SEED, numRuns },
    );
  } catch (error) {
    throw new Error(
      `${label} failed with seed ${FUZZ_SEED} (replay: INTERLEAVE_FUZZ_SEED=${FUZZ_SEED}): ${(error as Error).message}`,
      { cause: error },
    );
  }
  t.diagnostic(`${label}: ${ran} cases, seed ${FUZZ_SEED}`);
  assert.equal(ran, numRuns, `${label}: every one of the ${numRuns} cases ran (seed ${FUZZ_SEED})`);
}

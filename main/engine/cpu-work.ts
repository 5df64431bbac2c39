/**
 * Busy computation that stands for Python code (serialising, templating).
 *
 * A `cpu` step of N ms is an amount of work, not an amount of wall time: it is the number of
 * iterations this machine does in N ms, calibrated once before the run. So four threads sharing
 * the interpreter lock take four times as long, and four free threads on 2 cores take about
 * twice as long: exactly what real CPU work would do. The work runs in slices of ~0.1 ms so the
 * holder can notice a drop request from the interpreter lock.
 */
let sink = 0;

/** Iterations of `spin` that take about `SLICE_MS`. Set from the calibration. */
export const SLICE_MS = 0.1;

/** Do `iterations` rounds of work the JIT cannot remove. */
export function spin(iterations: number): void {
  let x = sink | 1;
  for (let i = 0; i < iterations; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  sink = x;
}

/** A calibration this recent still stands: a run that starts on warm threads need not spend 30 ms on it. */
const CALIBRATION_KEPT_MS = 60_000;
let lastCalibration: { atMs: number; rate: number } | null = null;

/** calibrateIterationsPerMs, done again when the last one is older than CALIBRATION_KEPT_MS. */
export function iterationsPerMsNow(): number {
  const atMs = performance.now();
  if (lastCalibration === null || atMs - lastCalibration.atMs > CALIBRATION_KEPT_MS)
    lastCalibration = { atMs, rate: calibrateIterationsPerMs() };
  return lastCalibration.rate;
}

/**
 * Iterations per millisecond on this machine: the fastest of several short timed rounds, after a
 * warm-up so the JIT has compiled `spin`. The fastest, not the median: being preempted only ever
 * makes a round slower, and on a busy machine a median undercounted the rate by half (so every
 * cpu step did half its work). Takes about 40 ms.
 */
function calibrateIterationsPerMs(): number {
  spin(2_000_000);
  const rates: number[] = [];
  let n = 200_000;
  for (let round = 0; round < 9; round++) {
    const t0 = performance.now();
    spin(n);
    const dt = performance.now() - t0;
    if (dt < 2) {
      n *= 2;
      round--;
      continue;
    }
    rates.push(n / dt);
  }
  return Math.max(...rates);
}

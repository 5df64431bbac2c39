/**
 * "Nice" numbers: 1, 2 and 5 times a power of ten. Bucket widths, histogram bins and axis ticks
 * all come from this one ladder so a chart's buckets line up with its gridlines and read as round
 * values (a 20 ms bucket, a tick every 50 ms), never 17.3.
 */

const STEPS = [1, 2, 5] as const;

/** The smallest nice number (1, 2 or 5 × 10^k) that is ≥ `x`. `x` must be positive and finite. */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`niceCeil needs a positive finite number, got ${x}`);
  let power = 10 ** Math.floor(Math.log10(x));
  // log10 rounding can land one decade off; walk until the ladder brackets x.
  while (power > x) power /= 10;
  for (;;) {
    for (const step of STEPS) {
      // toPrecision strips binary noise: 5 × 1e-6 is 0.000005, not 0.0000049999999999.
      const candidate = Number((step * power).toPrecision(12));
      if (candidate >= x * (1 - 1e-12)) return candidate;
    }
    power *= 10;
  }
}

/** Ticks between `min` and `max` (inclusive where they land), about `count` of them, nice step. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max < min) [min, max] = [max, min];
  if (max === min) return [min];
  const step = niceCeil((max - min) / Math.max(1, count));
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const ticks: number[] = [];
  // Multiply (not accumulate) so 0.1 + 0.2 style drift never shows up as 0.30000000000000004.
  for (let i = first; i <= last; i++) ticks.push(roundTo(i * step, step));
  return ticks;
}

/** A nice upper limit for an axis that starts at 0 and must show `max`. */
export function niceAxisMax(max: number, count = 5): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const step = niceCeil(max / count);
  return Math.ceil(max / step - 1e-9) * step;
}

function roundTo(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(Math.min(decimals, 12)));
}

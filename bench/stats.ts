/** Small statistics over plain number arrays, for the benchmarks' medians and tails. */

/** Nearest-rank percentile (p in 0..100); NaN for an empty array. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** "1.23, 1.31, 1.27" for a detail line. */
export const list = (values: readonly number[], digits = 2): string => values.map((v) => v.toFixed(digits)).join(', ');

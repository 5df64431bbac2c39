/** Weighted means, variances and percentiles over endpoints (a scenario's mix is by weight). */

export interface Weighted {
  value: number;
  weight: number;
}

export function weightedMean(items: readonly Weighted[]): number {
  let sum = 0;
  let weights = 0;
  for (const { value, weight } of items) {
    sum += value * weight;
    weights += weight;
  }
  return weights > 0 ? sum / weights : 0;
}

/** Squared coefficient of variation (variance / mean²); 0 for a constant or an all-zero mix. */
export function weightedScv(items: readonly Weighted[]): number {
  const mean = weightedMean(items);
  if (mean === 0) return 0;
  const variance = weightedMean(items.map(({ value, weight }) => ({ value: (value - mean) ** 2, weight })));
  return variance / (mean * mean);
}

/** Nearest-rank percentile (p in 0..100) of a weighted mix. */
export function weightedPercentile(items: readonly Weighted[], p: number): number {
  const sorted = [...items].filter((i) => i.weight > 0).sort((a, b) => a.value - b.value);
  if (sorted.length === 0) return 0;
  const total = sorted.reduce((s, i) => s + i.weight, 0);
  const target = (p / 100) * total;
  let seen = 0;
  for (const item of sorted) {
    seen += item.weight;
    if (seen >= target * (1 - 1e-12)) return item.value;
  }
  return sorted[sorted.length - 1].value;
}

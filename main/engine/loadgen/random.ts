/**
 * Seeded randomness for the load: the same seed gives the same endpoint mix and the same
 * Poisson arrivals, so two runs differ only by what the server did.
 */

/** mulberry32: a small, fast, well-mixed 32-bit generator. Returns numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks an endpoint index with probability proportional to its weight. */
export function weightedPicker(weights: readonly number[], random: () => number): () => number {
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w / total));
  return () => {
    const x = random();
    const i = cumulative.findIndex((c) => x < c);
    return i === -1 ? weights.length - 1 : i;
  };
}

/** Milliseconds between arrivals: constant 1/rate, or exponential (a Poisson process). */
export function interArrivalMs(rateRps: number, arrival: 'constant' | 'poisson', random: () => number): () => number {
  const mean = 1000 / rateRps;
  if (arrival === 'constant') return () => mean;
  return () => -Math.log(1 - random()) * mean;
}

/**
 * Gunther's Universal Scalability Law fitted to a sweep's throughput:
 *
 *   X(N) = λN / (1 + σ(N−1) + κN(N−1))
 *
 * λ is the throughput of one user, σ the share of the work that is serialised (contention: σ = 1
 * is one request at a time), κ the cost of keeping N requests coherent (crosstalk: throughput
 * falls past N* = √((1−σ)/κ)).
 *
 * The fit is least squares on relative errors (a 10 req/s step counts as much as a 600 req/s one; a
zero throughput counts as 5% of the largest, so it cannot dominate),
 * deterministic and without a dependency:
 * 1. for fixed σ and κ the best λ has a closed form (X is linear in λ), so only (σ, κ) is searched;
 * 2. two starts: the linearised fit (N/X = 1/λ + (σ/λ)(N−1) + (κ/λ)N(N−1), exact on noise-free
 *    data, solved as 3×3 normal equations) and the best point of a bounded grid, σ ∈ [0, 1] by
 *    1/40 and κ ∈ {0} ∪ [1e-9, 1] by log steps (the grid catches what the linearised fit gets
 *    wrong on noisy plateaus);
 * 3. a pattern search from the better start in (σ, log10 κ), halving its steps until they are
 *    below 1e-9; κ = 0 replaces the result when it fits as well (κ of 1e-9 is none in practice).
 * Every candidate is clamped into the bounds, so the result is finite and non-negative whatever
 * the input; points that are not finite or have N < 1 are left out.
 */

/** The law's three parameters, fitted, and what they imply. */
export interface UslFit {
  /** Contention, 0..1. */
  sigma: number;
  /** Crosstalk, ≥ 0. */
  kappa: number;
  /** Throughput at one user, req/s. */
  lambda: number;
  /** Users at which throughput peaks, √((1−σ)/κ) (at least 1); null when κ = 0 (no peak). */
  peakUsers: number | null;
  /** 1 − (weighted squared error / weighted variance), 0..1: how much of the shape the law explains. */
  rSquared: number;
}

/** A point to fit: users and the throughput measured with them. */
export interface ThroughputPoint {
  users: number;
  throughputRps: number;
}

const MIN_LOG_KAPPA = -9;
const MAX_LOG_KAPPA = 0;
const GRID_SIGMAS = 40;
const GRID_LOG_KAPPA_STEPS = 72;

/** The law's throughput at `users` for a fit. */
export function uslThroughput(fit: Pick<UslFit, 'sigma' | 'kappa' | 'lambda'>, users: number): number {
  return fit.lambda * shape(fit.sigma, fit.kappa, users);
}

/** N / (1 + σ(N−1) + κN(N−1)): throughput per unit λ. */
function shape(sigma: number, kappa: number, n: number): number {
  // κ = 0 must not meet N(N−1) = ∞ (0 × ∞ is NaN); a huge N simply gives 0.
  const g = n / (1 + sigma * (n - 1) + (kappa > 0 ? kappa * n * (n - 1) : 0));
  return Number.isFinite(g) ? g : 0;
}

interface Point {
  n: number;
  x: number;
  /** Weight of the squared error: relative error, floored so a zero throughput does not dominate. */
  w: number;
}

/**
 * The usable points, throughput divided by the largest (so weights stay between 1 and 400 for any
 * magnitude, tiny or huge), and that largest value to multiply λ back by.
 */
function pointsOf(input: readonly ThroughputPoint[]): { points: Point[]; scale: number } {
  const usable = input.filter((p) => Number.isFinite(p.users) && p.users >= 1 && Number.isFinite(p.throughputRps));
  const scale = Math.max(0, ...usable.map((p) => p.throughputRps));
  const points = usable.map((p) => {
    const x = scale > 0 ? Math.max(0, p.throughputRps) / scale : 0;
    return { n: p.users, x, w: 1 / Math.max(x, 0.05) ** 2 };
  });
  return { points, scale };
}

/** Best λ for (σ, κ), and the weighted squared error it leaves. */
function evaluate(points: readonly Point[], sigma: number, kappa: number): { lambda: number; sse: number } {
  let xg = 0;
  let gg = 0;
  for (const p of points) {
    const g = shape(sigma, kappa, p.n);
    xg += p.w * p.x * g;
    gg += p.w * g * g;
  }
  const lambda = gg > 0 ? Math.max(0, xg / gg) : 0;
  let sse = 0;
  for (const p of points) sse += p.w * (p.x - lambda * shape(sigma, kappa, p.n)) ** 2;
  return { lambda, sse };
}

const clampSigma = (s: number) => (Number.isFinite(s) ? Math.min(1, Math.max(0, s)) : 0);
const clampLogKappa = (u: number) =>
  Number.isFinite(u) ? Math.min(MAX_LOG_KAPPA, Math.max(MIN_LOG_KAPPA, u)) : MIN_LOG_KAPPA;

/** Solves a 3×3 system by Gaussian elimination with partial pivoting; null when singular. */
function solve3(a: number[][], b: number[]): number[] | null {
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (!(Math.abs(m[pivot][col]) > 1e-300)) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < 3; r++) {
      if (r === col) continue;
      const f = m[r][col] / m[col][col];
      for (let c = col; c < 4; c++) m[r][c] -= f * m[col][c];
    }
  }
  const out = [m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]];
  return out.every(Number.isFinite) ? out : null;
}

/**
 * The linearised fit: N/X = a + b(N−1) + c·N(N−1), with σ = b/a and κ = c/a. Weighted by X²/N
 * squared so its errors approximate errors in X. Null when it has no answer.
 */
function linearisedStart(points: readonly Point[]): { sigma: number; logKappa: number } | null {
  const rows = points.filter((p) => p.x > 0);
  if (rows.length < 3) return null;
  const ata = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const atb = [0, 0, 0];
  for (const p of rows) {
    const basis = [1, p.n - 1, p.n * (p.n - 1)];
    const y = p.n / p.x;
    const w = ((p.x * p.x) / p.n) ** 2 * p.w;
    for (let i = 0; i < 3; i++) {
      atb[i] += w * basis[i] * y;
      for (let j = 0; j < 3; j++) ata[i][j] += w * basis[i] * basis[j];
    }
  }
  const abc = solve3(ata, atb);
  if (!abc || !(abc[0] > 0)) return null;
  const kappa = abc[2] / abc[0];
  return { sigma: clampSigma(abc[1] / abc[0]), logKappa: kappa > 0 ? clampLogKappa(Math.log10(kappa)) : MIN_LOG_KAPPA };
}

function gridStart(points: readonly Point[]): { sigma: number; logKappa: number } {
  let best = { sigma: 0, logKappa: MIN_LOG_KAPPA, sse: Infinity };
  for (let i = 0; i <= GRID_SIGMAS; i++) {
    const sigma = i / GRID_SIGMAS;
    for (let j = 0; j <= GRID_LOG_KAPPA_STEPS; j++) {
      const logKappa = MIN_LOG_KAPPA + ((MAX_LOG_KAPPA - MIN_LOG_KAPPA) * j) / GRID_LOG_KAPPA_STEPS;
      const { sse } = evaluate(points, sigma, 10 ** logKappa);
      if (sse < best.sse) best = { sigma, logKappa, sse };
    }
  }
  return best;
}

/** Pattern search in (σ, log10 κ) from `start`, each coordinate clamped into its bounds. */
function refine(points: readonly Point[], start: { sigma: number; logKappa: number }) {
  let sigma = start.sigma;
  let logKappa = start.logKappa;
  let sse = evaluate(points, sigma, 10 ** logKappa).sse;
  let stepSigma = 1 / GRID_SIGMAS;
  let stepLog = (MAX_LOG_KAPPA - MIN_LOG_KAPPA) / GRID_LOG_KAPPA_STEPS;
  for (let round = 0; round < 10_000 && (stepSigma > 1e-9 || stepLog > 1e-9); round++) {
    let moved = false;
    for (const [ds, du] of [
      [stepSigma, 0],
      [-stepSigma, 0],
      [0, stepLog],
      [0, -stepLog],
    ]) {
      const s = clampSigma(sigma + ds);
      const u = clampLogKappa(logKappa + du);
      const e = evaluate(points, s, 10 ** u).sse;
      if (e < sse) {
        sigma = s;
        logKappa = u;
        sse = e;
        moved = true;
      }
    }
    if (!moved) {
      stepSigma /= 2;
      stepLog /= 2;
    }
  }
  return { sigma, logKappa, sse };
}

/** Fits the law to the points; null with fewer than 3 usable points (three parameters). */
export function fitUsl(input: readonly ThroughputPoint[]): UslFit | null {
  const { points, scale } = pointsOf(input);
  if (points.length < 3) return null;
  const starts = [gridStart(points), linearisedStart(points)].filter((s) => s !== null);
  let best = refine(points, starts[0]);
  for (const start of starts.slice(1)) {
    const r = refine(points, start);
    if (r.sse < best.sse) best = r;
  }
  let kappa = 10 ** best.logKappa;
  const sigma = best.sigma;
  const withoutKappa = evaluate(points, sigma, 0);
  if (withoutKappa.sse <= best.sse * (1 + 1e-9) + 1e-15) kappa = 0;
  const { lambda, sse } = evaluate(points, sigma, kappa);
  const scaled = lambda * scale;
  return {
    sigma,
    kappa,
    lambda: Number.isFinite(scaled) ? scaled : 0,
    peakUsers: kappa > 0 ? Math.max(1, Math.sqrt((1 - sigma) / kappa)) : null,
    rSquared: rSquared(points, sse),
  };
}

function rSquared(points: readonly Point[], sse: number): number {
  let w = 0;
  let wx = 0;
  for (const p of points) {
    w += p.w;
    wx += p.w * p.x;
  }
  const mean = w > 0 ? wx / w : 0;
  let total = 0;
  for (const p of points) total += p.w * (p.x - mean) ** 2;
  if (!(total > 0)) return sse > 0 ? 0 : 1;
  const r = 1 - sse / total;
  return Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0;
}

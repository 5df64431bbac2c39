/**
 * What the scenario's load should see, given what one request costs (its service time S and
 * its demand on each resource) — operational laws, not a simulation.
 *
 * Closed model, C users thinking Z between requests: throughput X = min(max throughput,
 * C / (S + Z)) and mean latency R = max(S, C / X − Z) (asymptotic bounds from Little's law).
 * The first requests, one per user, leave at once and a queueing resource with m servers and
 * demand D finishes them in waves: request j is done at ceil(j / m)·D (+ the rest of its
 * service time); a time-sliced one (the interpreter lock, the cores) finishes the whole batch
 * together at n·D / m. A request-count run is replayed from there (see `replayClosed`).
 *
 * Open model, rate λ: utilisation ρ = λ / max throughput. Below 1, waiting at each resource
 * follows the Sakasegawa approximation for a G/G/m queue (zero for constant arrivals and equal
 * requests, growing as ρ nears 1 for Poisson arrivals). Above 1 the server is overloaded: it
 * completes max-throughput requests a second, the rest pile up (at most maxInFlight in flight)
 * and latency, measured from the intended send, grows for as long as the run lasts.
 */
import type { LoadConfig } from '../scenario.ts';
import type { EndpointProfile } from './one-request.ts';
import { RESOURCE_SHARING, type ResourceLimit } from './resources.ts';
import { weightedMean, weightedPercentile, weightedScv } from './weighted.ts';

/** What the load should see, in numbers comparable with a run's summary. */
export interface LoadExpectation {
  model: LoadConfig['model'];
  /** Completed requests per second; for a request-count run, requests / makespan as the summary measures it. */
  throughputRps: number;
  /** Mean latency, ms (from the intended send). */
  latencyMs: number;
  p95LatencyMs: number;
  maxLatencyMs: number;
  /** Mean requests in flight (Little's law: X × R). */
  inFlight: number;
  /** Offered or achieved rate over the server's max throughput; 0 when nothing limits it. */
  utilisation: number;
  /** Open model only: arrivals outpace the max throughput. */
  overloaded: boolean;
  /** Open and overloaded: how much later, per second of run, each new request completes. 0 otherwise. */
  latencyGrowthMsPerS: number;
  /** Requests the run should complete: the count, or throughput × duration. */
  requests: number;
  /** Whether the batch (waves) model was used: a closed run with no more requests than users. */
  waves: boolean;
  /** Request-count runs: from the first send to the last response, ms. Null for duration runs. */
  makespanMs: number | null;
  /** Whether a server resource, rather than the load, sets the throughput. */
  saturated: boolean;
}

export interface LoadModelInput {
  profiles: readonly EndpointProfile[];
  limits: readonly ResourceLimit[];
  /** Null when no resource limits throughput. */
  maxThroughputRps: number | null;
  load: LoadConfig;
}

/** Service times are floored so a view with no steps cannot divide by zero. */
const MIN_SERVICE_MS = 0.001;

/** When request j (1-based) of a batch of n, all sent at once, is done on one resource. */
function batchDoneMs(limit: ResourceLimit, serviceMs: number, j: number, n: number): number {
  const d = limit.demandMs;
  const rest = serviceMs - d;
  if (RESOURCE_SHARING[limit.resource] === 'share') return Math.max(n / limit.servers, 1) * d + rest;
  return Math.ceil(j / limit.servers) * d + rest;
}

/** From first send to last response for n requests fed without pause to every resource. */
function resourceMakespanMs(limits: readonly ResourceLimit[], serviceMs: number, n: number): number {
  let most = serviceMs;
  for (const limit of limits) most = Math.max(most, batchDoneMs(limit, serviceMs, n, n));
  return most;
}

export function expectLoad({ profiles, limits, maxThroughputRps, load }: LoadModelInput): LoadExpectation {
  const services = profiles.map((p) => ({ value: p.serviceMs, weight: p.weight }));
  const S = Math.max(MIN_SERVICE_MS, weightedMean(services));
  const maxX = maxThroughputRps ?? Infinity;
  const count = load.end.kind === 'requests' ? load.end.count : null;
  return load.model === 'closed'
    ? closed(S, services, limits, maxX, load, count)
    : open(S, services, profiles, limits, maxX, load, count);
}

type Services = { value: number; weight: number }[];

/** Request-count runs up to this size are replayed request by request; beyond, the ramp is noise. */
const MAX_REPLAYED = 5000;

/**
 * A closed run of `count` requests, request by request: the first batch (one per user) leaves
 * at once and finishes in waves; after that each completion sends the next request after the
 * think time. A saturated queue (a loop, workers, a thread) then completes one request every
 * 1 / max throughput, in order; a saturated time-sliced resource (the interpreter lock, the
 * cores) serves everyone in flight together, so each request takes C / X − Z and batches stay
 * together. This catches the ramp and drain a steady-state formula misses: 30 requests of 10
 * users on a blocked loop average 850 ms, not 1 s.
 */
function replayClosed(
  S: number,
  limits: readonly ResourceLimit[],
  binding: ResourceLimit | null,
  C: number,
  Z: number,
  count: number,
) {
  const first = Math.min(count, C);
  const sent = new Float64Array(count);
  const done = new Float64Array(count);
  for (let k = 0; k < first; k++) {
    let at = S;
    for (const limit of limits) at = Math.max(at, batchDoneMs(limit, S, k + 1, first));
    done[k] = at;
  }
  const spacingMs = binding ? 1000 / binding.capacityRps : 0;
  const shared = binding !== null && RESOURCE_SHARING[binding.resource] === 'share';
  const sharedLatency = Math.max(S, C * spacingMs - Z);
  for (let k = first; k < count; k++) {
    // Batch completions are in order, so the user of request k − C is the one free next.
    sent[k] = done[k - C] + Z;
    done[k] = shared ? sent[k] + sharedLatency : Math.max(sent[k] + S, done[k - 1] + spacingMs);
  }
  const values = Array.from(done, (d, k) => d - sent[k]);
  let makespanMs = 0;
  for (const d of done) makespanMs = Math.max(makespanMs, d);
  return { values, makespanMs };
}

function closed(
  S: number,
  services: Services,
  limits: readonly ResourceLimit[],
  maxX: number,
  load: LoadConfig,
  count: number | null,
): LoadExpectation {
  const C = load.concurrency;
  const Z = load.thinkMs;
  const offeredRps = (C * 1000) / (S + Z);
  const X = Math.min(maxX, offeredRps);
  const saturated = offeredRps > maxX * (1 + 1e-9);
  const utilisation = Number.isFinite(maxX) ? X / maxX : 0;
  const base = { model: 'closed' as const, overloaded: false, latencyGrowthMsPerS: 0, utilisation, saturated };

  if (count !== null && count <= MAX_REPLAYED) {
    const binding = saturated ? (limits.find((l) => l.capacityRps <= maxX * (1 + 1e-9)) ?? null) : null;
    const latencies = replayClosed(S, limits, binding, C, Z, count);
    const makespanMs = latencies.makespanMs;
    // Endpoints differ from the mean by their own service time; queueing is shared.
    const spread: { value: number; weight: number }[] = [];
    for (const l of latencies.values)
      for (const { value, weight } of services) spread.push({ value: l + value - S, weight });
    const mean = latencies.values.reduce((sum, x) => sum + x, 0) / count;
    return {
      ...base,
      throughputRps: (count * 1000) / makespanMs,
      latencyMs: mean,
      p95LatencyMs: weightedPercentile(spread, 95),
      maxLatencyMs: weightedPercentile(spread, 100),
      inFlight: ((count * 1000) / makespanMs) * (mean / 1000),
      requests: count,
      waves: count <= C,
      makespanMs,
    };
  }

  const R = Math.max(S, (C * 1000) / X - Z);
  const queueing = R - S;
  const spread = services.map(({ value, weight }) => ({ value: value + queueing, weight }));
  let makespanMs: number | null = null;
  if (count !== null) {
    const rounds = Math.ceil(count / C);
    const byUsers = rounds * S + (rounds - 1) * Z;
    makespanMs = Math.max(byUsers, resourceMakespanMs(limits, S, count));
  }
  return {
    ...base,
    throughputRps: makespanMs !== null ? ((count as number) * 1000) / makespanMs : X,
    latencyMs: R,
    p95LatencyMs: weightedPercentile(spread, 95),
    maxLatencyMs: weightedPercentile(spread, 100),
    inFlight: (X * R) / 1000,
    requests: count ?? X * (load.end.kind === 'duration' ? load.end.seconds : 0),
    waves: false,
    makespanMs,
  };
}

/** Sakasegawa's G/G/m waiting time: ((ca² + cs²) / 2) · ρ^(√(2(m+1)) − 1) / (m (1 − ρ)) · D. */
function waitingMs(limit: ResourceLimit, ratePerMs: number, arrivalScv: number, serviceScv: number): number {
  const m = limit.servers;
  // At exactly full load the formula diverges; the bound stays finite and says "near saturation".
  const rho = Math.min(0.999, (ratePerMs * limit.demandMs) / m);
  if (rho <= 0 || arrivalScv + serviceScv === 0) return 0;
  return (((arrivalScv + serviceScv) / 2) * rho ** (Math.sqrt(2 * (m + 1)) - 1) * limit.demandMs) / (m * (1 - rho));
}

function open(
  S: number,
  services: Services,
  profiles: readonly EndpointProfile[],
  limits: readonly ResourceLimit[],
  maxX: number,
  load: LoadConfig,
  count: number | null,
): LoadExpectation {
  const lambda = load.rateRps;
  const overloaded = lambda > maxX * (1 + 1e-9);
  const utilisation = Number.isFinite(maxX) ? lambda / maxX : 0;
  const X = Math.min(lambda, maxX);
  // How long arrivals go on for: the planned duration, or the time to send `count` requests.
  const arrivalsMs =
    count !== null ? ((count - 1) * 1000) / lambda : load.end.kind === 'duration' ? load.end.seconds * 1000 : 0;
  let makespanMs: number | null = null;
  if (count !== null) makespanMs = Math.max(arrivalsMs + S, resourceMakespanMs(limits, S, count));

  let latencyMs: number;
  let p95LatencyMs: number;
  let maxLatencyMs: number;
  let latencyGrowthMsPerS = 0;
  let inFlight: number;
  if (overloaded) {
    // The request meant for time t completes when X·t' = λ·t: it waited t·(λ/X − 1) on top of S.
    const growth = lambda / X - 1;
    latencyGrowthMsPerS = growth * 1000;
    latencyMs = S + (growth * arrivalsMs) / 2;
    p95LatencyMs = S + growth * arrivalsMs * 0.95;
    maxLatencyMs = S + growth * arrivalsMs;
    inFlight = load.maxInFlight;
  } else {
    const arrivalScv = load.arrival === 'poisson' ? 1 : 0;
    let queueing = 0;
    for (const limit of limits) {
      const demands = profiles.map((p) => ({ value: p.demand[limit.resource], weight: p.weight }));
      const serviceScv = weightedScv(demands);
      queueing += waitingMs(limit, lambda / 1000, arrivalScv, serviceScv);
    }
    const spread = services.map(({ value, weight }) => ({ value: value + queueing, weight }));
    latencyMs = S + queueing;
    p95LatencyMs = weightedPercentile(spread, 95);
    maxLatencyMs = weightedPercentile(spread, 100);
    inFlight = Math.min(load.maxInFlight, (lambda * latencyMs) / 1000);
  }
  return {
    model: 'open',
    throughputRps: makespanMs !== null ? ((count as number) * 1000) / makespanMs : X,
    latencyMs,
    p95LatencyMs,
    maxLatencyMs,
    inFlight,
    utilisation,
    overloaded,
    latencyGrowthMsPerS,
    requests: count ?? X * (arrivalsMs / 1000),
    waves: false,
    makespanMs,
    saturated: overloaded,
  };
}

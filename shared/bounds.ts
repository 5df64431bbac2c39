/**
 * The theoretical bound: what a scenario's settings allow, before anything runs.
 *
 * Each endpoint is played alone on the model's threads (bounds/one-request.ts) to get its
 * service time and the milliseconds it holds each resource: the event loop, an executor
 * thread, a sync worker, the interpreter lock, the cores. Throughput can be no more than each
 * resource's servers / demand; the smallest of those is the limit and its resource the
 * bottleneck. The load model (bounds/load-model.ts) turns that into what the chosen load should
 * see. The sliders show this live; the reports set it beside the measured numbers.
 */
import {
  defaultExecutorThreads,
  loopProcesses,
  maxInFlight,
  serverProcesses,
  threadsPerWorker,
  type Scenario,
} from './scenario.ts';
import { explainBound } from './bounds/explain-bound.ts';
import { expectLoad, type LoadExpectation } from './bounds/load-model.ts';
import { profileEndpoint, type EndpointProfile } from './bounds/one-request.ts';
import { BOUND_RESOURCES, type Bottleneck, type BoundResource, type ResourceLimit } from './bounds/resources.ts';
import { weightedMean } from './bounds/weighted.ts';
import { DEFAULT_CORES } from './bounds/assumed-cores.ts';

export type { Bottleneck, BoundResource, ResourceLimit } from './bounds/resources.ts';
export type { EndpointProfile } from './bounds/one-request.ts';
export type { LoadExpectation } from './bounds/load-model.ts';

/** The machine the model assumes. */
export interface BoundOptions {
  /**
   * CPU cores available to the server; DEFAULT_CORES (2, this app's reference machine) when
   * absent. Hosts pass `os.availableParallelism()`, or the cores a stored run recorded.
   */
  cores?: number;
}

/** What the settings allow, and what the scenario's load should therefore see. */
export interface Bound {
  /** Service time of one request alone, ms (weighted mean over the endpoints). */
  minLatencyMs: number;
  /** The most requests a second any load could get through; null when no resource limits it. */
  maxThroughputRps: number | null;
  /** What sets the throughput under this scenario's load: a resource when saturated, else `load`. */
  bottleneck: Bottleneck;
  /** The resource that caps throughput as load grows (null when none does). */
  limitingResource: BoundResource | null;
  /** Every resource requests use, with its capacity. */
  resources: ResourceLimit[];
  /** Each endpoint alone: service time and demand per resource. */
  endpoints: EndpointProfile[];
  /** Throughput, latency and utilisation the scenario's load should see. */
  expected: LoadExpectation;
  /** Request-count runs: first send to last response, ms. Null for duration runs. */
  expectedMakespanMs: number | null;
  /** One plain paragraph saying all of the above. */
  explanation: string;
  /** The CPU cores this bound assumed. */
  cores: number;
}

function serversOf(scenario: Scenario, resource: BoundResource, cores: number): number {
  const { server } = scenario;
  switch (resource) {
    case 'loop':
      // One loop per uvicorn process; the load generator spreads connections evenly over them.
      return loopProcesses(server);
    case 'gil':
      // One lock per process: each uvicorn process's, or each gthread worker's (its threads share it).
      return server.model === 'gthread' || server.model === 'async-workers' ? server.workers : 1;
    case 'workers':
      return server.workers * threadsPerWorker(server);
    case 'cores':
      return cores;
    case 'executor':
      if (server.executor === 'one-thread') return loopProcesses(server);
      if (server.executor === 'pool') return server.poolThreads * loopProcesses(server);
      return maxInFlight(scenario.load);
    case 'pool':
      return server.poolThreads * loopProcesses(server);
    case 'to-thread':
      return defaultExecutorThreads(cores) * loopProcesses(server);
    case 'connections':
      // Each server process has its own pool (Django 5.1's, per process). Places past the
      // database's max_connections never open: psycopg_pool retries them in vain, in the background.
      return Math.min((server.dbPool ?? 0) * serverProcesses(server), server.dbMaxConnections ?? Infinity);
  }
}

/** Theoretical bound of a (validated) scenario. */
export function theoreticalBound(scenario: Scenario, options: BoundOptions = {}): Bound {
  const cores = Math.max(1, Math.floor(options.cores ?? DEFAULT_CORES));
  const profiles = scenario.endpoints.map((e) => profileEndpoint(scenario, e, cores));
  const minLatencyMs = weightedMean(profiles.map((p) => ({ value: p.serviceMs, weight: p.weight })));
  const resources: ResourceLimit[] = [];
  for (const resource of BOUND_RESOURCES) {
    const demandMs = weightedMean(profiles.map((p) => ({ value: p.demand[resource], weight: p.weight })));
    if (demandMs <= 0) continue;
    const servers = serversOf(scenario, resource, cores);
    resources.push({ resource, servers, demandMs, capacityRps: (servers * 1000) / demandMs });
  }
  // Ties go to the earlier resource in BOUND_RESOURCES: a CPU-bound async view is "the loop".
  let limiting: ResourceLimit | null = null;
  for (const r of resources) if (!limiting || r.capacityRps < limiting.capacityRps * (1 - 1e-9)) limiting = r;
  const maxThroughputRps = limiting ? limiting.capacityRps : null;
  const expected = expectLoad({ profiles, limits: resources, maxThroughputRps, load: scenario.load });
  const bottleneck: Bottleneck =
    expected.saturated && limiting ? limiting.resource : minLatencyMs > 0 || limiting ? 'load' : 'none';
  return {
    minLatencyMs,
    maxThroughputRps,
    bottleneck,
    limitingResource: limiting ? limiting.resource : null,
    resources,
    endpoints: profiles,
    expected,
    expectedMakespanMs: expected.makespanMs,
    explanation: explainBound({ scenario, minLatencyMs, profiles, limiting, expected, cores }),
    cores,
  };
}

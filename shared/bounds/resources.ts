/**
 * The resources a request can occupy in the theoretical model, and what one request alone costs.
 *
 * Every step's time lands on exactly one holder: the event loop, a thread of the server's
 * (thread-sensitive) executor, of a step's own pool or of asyncio's default executor
 * (`asyncio.to_thread`), a sync worker, or nobody (a pure wait: `await`, an awaited upstream). CPU time additionally needs the
 * interpreter lock (one per process, when on) and a core. Capacity is the number of servers a
 * resource has; throughput through it is at most servers / demand.
 */

/** Something requests take turns on. */
export type BoundResource = 'loop' | 'workers' | 'executor' | 'pool' | 'to-thread' | 'connections' | 'gil' | 'cores';

/** The resource that limits throughput, `load` when the offered load does, `none` for nothing. */
export type Bottleneck = BoundResource | 'load' | 'none';

/** Resources in the order ties are broken: the one a user can act on first wins. */
export const BOUND_RESOURCES: readonly BoundResource[] = [
  'loop',
  'workers',
  'executor',
  'pool',
  'to-thread',
  'connections',
  'gil',
  'cores',
];

/**
 * How a resource serves several requests: `queue` runs one request's piece at a time per server
 * (a loop, a worker, a thread), so a batch finishes in waves; `share` time-slices everyone (the
 * interpreter lock switches every 5 ms, the OS shares cores), so a batch finishes together.
 */
export const RESOURCE_SHARING: Record<BoundResource, 'queue' | 'share'> = {
  loop: 'queue',
  workers: 'queue',
  executor: 'queue',
  pool: 'queue',
  'to-thread': 'queue',
  connections: 'queue',
  gil: 'share',
  cores: 'share',
};

/** Milliseconds of each resource one request occupies. */
export type Demand = Record<BoundResource, number>;

export function emptyDemand(): Demand {
  return { loop: 0, workers: 0, executor: 0, pool: 0, 'to-thread': 0, connections: 0, gil: 0, cores: 0 };
}

/** One resource as the bound sees it: servers, demand per request, and the throughput it allows. */
export interface ResourceLimit {
  resource: BoundResource;
  /** Parallel servers: 1 loop, W workers, 1 or K executor threads (one per request in flight for per-request), 1 lock, the cores. */
  servers: number;
  /** Mean milliseconds of this resource one request occupies (weighted over endpoints). */
  demandMs: number;
  /** servers / demand, in requests per second. */
  capacityRps: number;
}

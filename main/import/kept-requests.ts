/**
 * The requests an import keeps, packed: about 90 bytes a request in typed arrays instead of an
 * object with its own strings, so the first MAX_IMPORTED_REQUESTS of a file fit in memory
 * beside everything else. Endpoint, lane and error texts are interned in bounded tables.
 */
import { MAX_IMPORTED_REQUESTS } from '../../shared/limits.ts';
import { PHASE_KEYS, type ClientPhases, type ImportedRequest } from './imported-request.ts';
import { NameTable } from './name-table.ts';

/** Distinct endpoints counted before the rest go straight to "other" (see topNames). */
const ENDPOINTS_COUNTED = 10_000;
/** Client lanes (k6 VUs, HAR connections) with their own lane; the rest share one. */
export const MAX_IMPORTED_LANES = 1_000;
/** Distinct error texts kept; past it an error keeps only that it failed. */
const ERROR_TEXTS = 1_000;

class Column<A extends Float64Array | Int32Array> {
  length = 0;
  constructor(
    public data: A,
    private readonly make: (n: number) => A,
  ) {}
  push(...values: number[]): void {
    if (this.length + values.length > this.data.length) {
      const bigger = this.make(Math.max(1024, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    for (const v of values) this.data[this.length++] = v;
  }
}
const f64 = () => new Column(new Float64Array(1024), (n) => new Float64Array(n));
const i32 = () => new Column(new Int32Array(1024), (n) => new Int32Array(n));

export class KeptRequests {
  /** Whole epoch seconds that `startUs` counts from: the first kept request's. */
  baseSec: number | null = null;
  /** Each request's start, µs after `baseSec` (small enough for a double to keep nanoseconds). */
  readonly startUs = f64();
  readonly durationMs = f64();
  readonly status = i32();
  readonly endpoint = i32();
  readonly lane = i32();
  readonly error = i32();
  /** PHASE_KEYS.length numbers a request; NaN where the file gave none. */
  readonly phases = f64();
  readonly endpoints = new NameTable(ENDPOINTS_COUNTED);
  readonly lanes = new NameTable(MAX_IMPORTED_LANES);
  readonly errors = new NameTable(ERROR_TEXTS);
  /** A request was offered after the limit: the file has more than was kept. */
  full = false;

  constructor(readonly limit = MAX_IMPORTED_REQUESTS) {}

  get count(): number {
    return this.startUs.length;
  }

  /** Keeps `r`; false (and `full`) when the limit is reached and it was not kept. */
  add(r: ImportedRequest): boolean {
    if (this.count >= this.limit) {
      this.full = true;
      return false;
    }
    this.baseSec ??= r.start.sec;
    this.startUs.push((r.start.sec - this.baseSec) * 1e6 + r.start.us);
    this.durationMs.push(r.durationMs);
    this.status.push(r.status);
    this.endpoint.push(this.endpoints.idOf(r.endpoint));
    this.lane.push(r.lane === null ? -2 : this.lanes.idOf(r.lane));
    this.error.push(r.error === null ? -2 : this.errors.idOf(r.error));
    this.phases.push(...PHASE_KEYS.map((k) => r.phases[k] ?? NaN));
    return true;
  }

  /** The error text of kept request `i`, or null. */
  errorOf(i: number): string | null {
    const id = this.error.data[i];
    return id === -2
      ? null
      : id === -1
        ? 'failed (one of too many distinct error texts to keep)'
        : this.errors.names[id];
  }

  phasesOf(i: number): ClientPhases {
    const o = i * PHASE_KEYS.length;
    const out = {} as ClientPhases;
    PHASE_KEYS.forEach((k, j) => {
      const v = this.phases.data[o + j];
      out[k] = Number.isNaN(v) ? null : v;
    });
    return out;
  }
}

import type { Endpoint } from '../../../shared/scenario.ts';
import type { Micros } from '../../../shared/trace.ts';

/** Runs one request's view to the end; resolves to null, or the error the response reports. */
export type ViewHandler = (
  req: number,
  endpoint: Endpoint,
  endpointIndex: number,
  accepted: Micros,
) => Promise<string | null>;

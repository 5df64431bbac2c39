import type { Endpoint } from '../../../shared/scenario.ts';
import type { Micros } from '../../../shared/trace.ts';
import type { ViewFailure } from '../steps/step-error.ts';

/**
 * Runs one request's view to the end: null, or the error the response reports. A view that
 * finished synchronously answers at once (no promise), so the response is written in the same
 * turn of the loop, as a plain Node handler writes it.
 */
export type ViewHandler = (
  req: number,
  endpoint: Endpoint,
  endpointIndex: number,
  accepted: Micros,
  /** A server that closes each connection after its response: until the client closed it. */
  closing?: Promise<Closing>,
) => ViewOutcome | Promise<ViewOutcome>;

/** From the response written to the client's close of its connection (run clock). */
export interface Closing {
  from: Micros;
  to: Micros;
}

/** null when the view succeeded, else the failed response's status and reason. */
export type ViewOutcome = ViewFailure | null;

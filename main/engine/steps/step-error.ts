/**
 * How a view fails, as its response says it: the status Django would send, and the reason as
 * the body. Anything a view raises (a database error, a bug) is a 500, Django's answer to an
 * unhandled exception. An upstream failure is answered the way a view that catches it as a
 * gateway answers: 504 when the call timed out, 502 when it was refused, reset, or answered
 * with an error status.
 */
import type { HttpResult } from '../upstream/upstream-url.ts';

/** A failed view's response: its status and the reason (the response body). */
export interface ViewFailure {
  status: number;
  message: string;
}

/** Django's status for an exception raised in a view. */
export const VIEW_EXCEPTION_STATUS = 500;

/** A step failed in a way the request should report: its status and message become the response. */
export class StepError extends Error {
  override name = 'StepError';

  constructor(
    message: string,
    readonly status: number = VIEW_EXCEPTION_STATUS,
  ) {
    super(message);
  }
}

/** The failure an upstream call's result means for the view, or null when the call succeeded. */
export function upstreamError(result: HttpResult): StepError | null {
  if (result.error !== null) return new StepError(`upstream: ${result.error}`, result.timedOut ? 504 : 502);
  if (result.status >= 400) return new StepError(`upstream answered ${result.status}`, 502);
  return null;
}

/** Anything a view threw, as its response: a StepError keeps its status, anything else is a 500. */
export function failureOf(error: unknown): ViewFailure {
  if (error instanceof StepError) return { status: error.status, message: error.message };
  return { status: VIEW_EXCEPTION_STATUS, message: error instanceof Error ? error.message : String(error) };
}

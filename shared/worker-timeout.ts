/**
 * gunicorn's WORKER TIMEOUT, in words both sides of a comparison can recognise: the model answers
 * a request whose sync worker the arbiter aborted with this message; real gunicorn's dying worker
 * answers it with its own "Internal Server Error" page, and its probe, aborted with it, stamps
 * nothing, so such a request has no server record on real Django.
 */

const PREFIX = 'WORKER TIMEOUT';

/** The model's answer for a request whose worker was aborted past `--timeout`: gunicorn's log line. */
export function workerTimeoutMessage(timeoutS: number): string {
  return `${PREFIX}: gunicorn's arbiter aborted the worker after --timeout ${timeoutS} s, mid-request`;
}

/** Did the arbiter abort this request's worker (in the model)? */
export function isWorkerTimeout(error: string | null | undefined): boolean {
  return error?.startsWith(PREFIX) ?? false;
}

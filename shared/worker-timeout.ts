/**
 * gunicorn's WORKER TIMEOUT, in words both sides of a comparison can recognise: the model answers
 * a request whose sync worker the arbiter aborted with this message; real gunicorn's dying worker
 * answers it with its own "Internal Server Error" page, and its probe, aborted with it, stamps
 * nothing, so such a request has no server record on real Django.
 */

const PREFIX = 'WORKER TIMEOUT';

/** gunicorn's arbiter waits this long for a signal before it looks at its workers again. */
export const ARBITER_WAKE_MS = 1_000;
/** gunicorn pauses up to this long (uniformly) after forking each worker. */
export const SPAWN_PAUSE_MAX_MS = 100;
/**
 * From an abort to the arbiter's wake on the worker's exit, where it forks the replacement; and
 * from the fork to the replacement's first accept (importing Django and the project). Measured
 * with the generated Django project (Django 5.2.17, gunicorn 26.2.0, 2 cores; gunicorn's
 * post_fork / post_worker_init / worker_abort hooks): 67–129 ms and 104–138 ms.
 */
export const WORKER_EXIT_MS = 70;
export const WORKER_BOOT_MS = 120;

/**
 * What the bound charges for a request aborted past `--timeout`: the arbiter's look comes up to
 * a second after the timeout, half a second on average, and its worker is back after the
 * replacement's exit and boot.
 */
export const ABORT_AFTER_TIMEOUT_MS = ARBITER_WAKE_MS / 2;
export const REPLACEMENT_MS = WORKER_EXIT_MS + WORKER_BOOT_MS;

/** The model's answer for a request whose worker was aborted past `--timeout`: gunicorn's log line. */
export function workerTimeoutMessage(timeoutS: number): string {
  return `${PREFIX}: gunicorn's arbiter aborted the worker after --timeout ${timeoutS} s, mid-request`;
}

/** Did the arbiter abort this request's worker (in the model)? */
export function isWorkerTimeout(error: string | null | undefined): boolean {
  return error?.startsWith(PREFIX) ?? false;
}

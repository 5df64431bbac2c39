/** A step failed in a way the request should report (status 502, the message as its error). */
export class StepError extends Error {
  override name = 'StepError';
}

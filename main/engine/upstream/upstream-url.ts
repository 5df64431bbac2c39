/**
 * Where the embedded upstream lives, and the URL a step asks for. `refuse` faults go to a port
 * that was bound and closed again, so the connection is refused by the kernel for real.
 */
import type { UpstreamStep } from '../../../shared/scenario.ts';

export interface UpstreamTarget {
  baseUrl: string;
  refusedUrl: string;
}

export function upstreamUrl(target: UpstreamTarget, step: Pick<UpstreamStep, 'ms' | 'fault'>): string {
  const base = step.fault === 'refuse' ? target.refusedUrl : target.baseUrl;
  return `${base}/delay?ms=${step.ms}&fault=${step.fault}`;
}

/** What an HTTP call ended with: a status, or an error and status 0. */
export interface HttpResult {
  status: number;
  error: string | null;
  /** The error was the call's timeout (a gateway timeout, 504, rather than a bad gateway, 502). */
  timedOut: boolean;
}

/**
 * What a request spent its time on as the client saw it: waiting for a connection, connecting,
 * the TLS handshake, sending, waiting for the first byte, reading the body (the phases HAR and
 * k6 report as blocked, connect, ssl, send, wait, receive).
 *
 * The load generator stamps the instants (RequestRecord's connectStart … firstByte); the phases
 * are the stretches between them, end to end from the intended send to the last byte, so they
 * add up to the latency. A request on a reused keep-alive connection has no connect or TLS
 * phase; a phase whose end was never reached (a refused connection, a timeout) is left out.
 */
import type { Micros, RequestRecord } from './trace.ts';

/** The client phases in the order they happen. */
export const CLIENT_PHASES = [
  { id: 'blocked', label: 'client: waiting for a connection' },
  { id: 'connect', label: 'client: connecting (TCP)' },
  { id: 'tls', label: 'client: TLS handshake' },
  { id: 'send', label: 'client: sending the request' },
  { id: 'wait', label: 'client: waiting for the first byte' },
  { id: 'receive', label: 'client: reading the body' },
] as const;

export type ClientPhaseId = (typeof CLIENT_PHASES)[number]['id'];

/** One measured stretch of a request, on the run's clock. */
export interface ClientPhase {
  /** Index in CLIENT_PHASES. */
  index: number;
  id: ClientPhaseId;
  start: Micros;
  end: Micros;
}

/** Whether the load generator measured this request's phases (runs before it did have none). */
export function hasClientPhases(r: RequestRecord): boolean {
  return r.requestStart !== undefined || r.connectStart !== undefined;
}

/** The request's measured phases in order; empty when none were measured. */
export function clientPhases(r: RequestRecord): ClientPhase[] {
  if (!hasClientPhases(r)) return [];
  const out: ClientPhase[] = [];
  const add = (index: number, start: number | undefined | null, end: number | undefined | null) => {
    if (start === undefined || start === null || end === undefined || end === null) return;
    out.push({ index, id: CLIENT_PHASES[index].id, start, end: Math.max(start, end) });
  };
  add(0, r.intended, r.connectStart ?? r.requestStart);
  // Ready to write: after the handshake on a new connection (undici's own hand-over to the
  // write, a few µs, counts as sending), at once on a reused one.
  let ready = r.requestStart;
  if (r.connectStart !== undefined) {
    add(1, r.connectStart, r.connectEnd);
    add(2, r.connectEnd, r.tlsEnd);
    ready = r.tlsEnd ?? r.connectEnd;
  }
  add(3, ready, r.requestEnd);
  add(4, r.requestEnd, r.firstByte);
  add(5, r.firstByte, r.received);
  return out;
}

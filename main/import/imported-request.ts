/**
 * One request as read from another tool's file, before it becomes a run's record, and the client
 * phases the file gave for it.
 *
 * The phases are kept here, in the importer, and not stored: request records have no field for
 * them yet. When records carry per-request client phases (connect, TLS, sending, waiting, body),
 * `ClientPhases` maps onto them field for field and the importer fills them in.
 */

/**
 * Where a request's client-side time went, in milliseconds; null when the file does not say
 * (HAR's -1, a k6 metric that is absent). The same meaning for both formats:
 * - `blockedMs`: waiting for a connection (HAR `blocked`; k6 `http_req_blocked` minus its
 *   connecting and TLS time, which k6 counts inside it; k6 has no DNS metric, so its DNS time is here);
 * - `dnsMs`: resolving the host (HAR `dns`; null for k6);
 * - `connectMs`: the TCP connection, TLS excluded (HAR `connect − ssl`; k6 `http_req_connecting`);
 * - `tlsMs`: the TLS handshake (HAR `ssl`; k6 `http_req_tls_handshaking`);
 * - `sendMs`, `waitMs`, `receiveMs`: writing the request, waiting for the first byte, reading the
 *   body (HAR `send`/`wait`/`receive`; k6 `http_req_sending`/`_waiting`/`_receiving`).
 */
export interface ClientPhases {
  blockedMs: number | null;
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  sendMs: number | null;
  waitMs: number | null;
  receiveMs: number | null;
}

/** The phases in a fixed order, for packing seven numbers a request. */
export const PHASE_KEYS = [
  'blockedMs',
  'dnsMs',
  'connectMs',
  'tlsMs',
  'sendMs',
  'waitMs',
  'receiveMs',
] as const satisfies readonly (keyof ClientPhases)[];

export const NO_PHASES: ClientPhases = {
  blockedMs: null,
  dnsMs: null,
  connectMs: null,
  tlsMs: null,
  sendMs: null,
  waitMs: null,
  receiveMs: null,
};

import type { Instant } from './timestamp.ts';

export interface ImportedRequest {
  /** When the request started (k6: its end time minus its duration), as an Instant (timestamp.ts). */
  start: Instant;
  /** Its latency: k6's `http_req_duration`, HAR's entry `time`. */
  durationMs: number;
  /** What it is grouped by: method and URL path ("GET /api/items"), or k6's `name` tag when set. */
  endpoint: string;
  /** HTTP status; 0 when no response came. */
  status: number;
  /** Why it failed, when the file says it failed without a status that says so. */
  error: string | null;
  /** The client lane it ran on ("VU 3", "connection 812"); null when the file does not say. */
  lane: string | null;
  phases: ClientPhases;
}

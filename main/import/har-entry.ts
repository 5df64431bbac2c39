/**
 * One HAR 1.2 entry as an imported request.
 *
 * Read: `startedDateTime` (ISO 8601, when the request started, connection set-up included),
 * `time` (its total in ms, the sum of the timings that apply), `request.method`, `request.url`,
 * `response.status` (0 when no response came; browsers add `response._error`), `timings`
 * (`send`, `wait`, `receive` required; `blocked`, `dns`, `connect`, `ssl` optional; -1 where a
 * phase does not apply; `connect` includes `ssl`) and `connection` (the socket's id, as browsers
 * write it) for the lane. Everything else (headers, bodies, cache, pages) is ignored.
 */
import { endpointLabelOf } from './endpoint-label.ts';
import { ImportError, quote } from './import-error.ts';
import type { ClientPhases, ImportedRequest } from './imported-request.ts';
import { parseTimestamp } from './timestamp.ts';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Converts entry `index` (0-based) that starts on `line`; throws an ImportError naming the field. */
export function harEntryToRequest(entry: unknown, index: number, line: number): ImportedRequest {
  const at = `entry ${index + 1} (from line ${line})`;
  const problem = (field: string, value: unknown, expected: string) =>
    new ImportError(`${at}: "${field}" is ${quote(value)}; expected ${expected}`);
  if (!isObject(entry)) throw new ImportError(`${at} is ${quote(entry)}; expected an object`);
  const { request, response, timings } = entry;
  const start = typeof entry.startedDateTime === 'string' ? parseTimestamp(entry.startedDateTime) : null;
  if (start === null)
    throw problem('startedDateTime', entry.startedDateTime, 'an ISO 8601 time such as 2026-01-05T10:00:00.123Z');
  if (!isObject(request)) throw problem('request', request, 'an object with "method" and "url"');
  if (typeof request.method !== 'string') throw problem('request.method', request.method, 'a string such as "GET"');
  if (typeof request.url !== 'string') throw problem('request.url', request.url, 'a string');
  if (!isObject(response)) throw problem('response', response, 'an object with "status"');
  const status = response.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < -1 || status > 999)
    throw problem('response.status', status, 'a whole number (0 when no response came)');
  if (!isObject(timings)) throw problem('timings', timings, 'an object with "send", "wait" and "receive"');

  const timing = (name: string, required: boolean): number | null => {
    const v = timings[name];
    if (v === undefined && !required) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < -1)
      throw problem(`timings.${name}`, v, 'a number of milliseconds, or -1 when it does not apply');
    return v < 0 ? null : v;
  };
  const [blocked, dns, connect, ssl] = ['blocked', 'dns', 'connect', 'ssl'].map((k) => timing(k, false));
  const [send, wait, receive] = ['send', 'wait', 'receive'].map((k) => timing(k, true));
  const phases: ClientPhases = {
    blockedMs: blocked,
    dnsMs: dns,
    // HAR counts the TLS handshake inside connect (see ClientPhases).
    connectMs: connect === null ? null : Math.max(0, connect - (ssl ?? 0)),
    tlsMs: ssl,
    sendMs: send,
    waitMs: wait,
    receiveMs: receive,
  };
  let time = entry.time;
  if (time === undefined) time = [blocked, dns, connect, send, wait, receive].reduce<number>((a, b) => a + (b ?? 0), 0);
  if (typeof time !== 'number' || !Number.isFinite(time) || time < 0)
    throw problem('time', time, 'the total in milliseconds (≥ 0)');

  const code = Math.max(0, status);
  const browserError = typeof response._error === 'string' && response._error !== '' ? response._error : null;
  return {
    start,
    durationMs: time,
    endpoint: endpointLabelOf(request.method, request.url),
    status: code,
    error: browserError ?? (code === 0 ? 'no response (status 0)' : null),
    lane: typeof entry.connection === 'string' && entry.connection !== '' ? `connection ${entry.connection}` : null,
    phases,
  };
}

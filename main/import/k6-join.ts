/**
 * k6's points joined into requests.
 *
 * The join rule: for each HTTP request k6 writes up to nine points (`http_reqs`,
 * `http_req_duration`, the six phase metrics, `http_req_failed`) with the same time (the
 * request's end, to the nanosecond), the same tags and the same `vu` and `iter`; it writes them
 * one after another. Points whose time (as written), tags (compared as a set), `vu` and `iter`
 * are all equal are one request. A request is complete once a point with another key has
 * pushed it out of the window of the last WINDOW open requests, or at the end of the file.
 *
 * Limits of the rule: a metric that comes twice for one key starts a new request, so two
 * requests of the same VU and iteration, with the same tags, ending in the same nanosecond and
 * written interleaved would be mixed up (k6 never interleaves one request's points). A request
 * whose points lie more than WINDOW other requests apart is split in two, and the part without
 * `http_req_duration` is dropped and counted (`incomplete`). Without `vu` and `iter` (files from
 * a k6 with those tags disabled), equal requests of different VUs ending in the same nanosecond
 * join into one; k6's nanosecond clock makes that rare.
 */
import { endpointLabelOf } from './endpoint-label.ts';
import type { ImportedRequest } from './imported-request.ts';
import type { K6HttpMetric, K6Line } from './k6-line.ts';

type HttpPoint = Extract<K6Line, { kind: 'http-point' }>;

/** Requests that may be open at once; k6 leaves one open at a time. */
export const WINDOW = 64;

interface Group {
  point: HttpPoint;
  values: Partial<Record<K6HttpMetric, number>>;
}

/** What the join saw besides the requests it made. */
export interface JoinStats {
  /** Groups of points with no http_req_duration: no latency, so no request. */
  incomplete: number;
  /** Requests with no `status` tag, counted as 200 unless http_req_failed said they failed. */
  withoutStatus: number;
}

function keyOf(p: HttpPoint): string {
  const tags = Object.keys(p.tags)
    .sort()
    .map((k) => `${k}\u0001${p.tags[k]}`)
    .join('\u0002');
  return `${p.time}\u0000${p.vu ?? ''}\u0000${p.iter ?? ''}\u0000${tags}`;
}

const minus = (a: number | undefined, ...b: (number | undefined)[]) =>
  a === undefined
    ? null
    : Math.max(
        0,
        b.reduce<number>((x, y) => x - (y ?? 0), a),
      );

export class K6Join {
  private open = new Map<string, Group>();
  readonly stats: JoinStats = { incomplete: 0, withoutStatus: 0 };

  constructor(private readonly emit: (request: ImportedRequest) => void) {}

  add(point: HttpPoint): void {
    const key = keyOf(point);
    let group = this.open.get(key);
    if (group && group.values[point.metric] !== undefined) {
      this.close(key, group);
      group = undefined;
    }
    if (!group) {
      group = { point, values: {} };
      this.open.set(key, group);
      if (this.open.size > WINDOW) {
        const [oldestKey, oldest] = this.open.entries().next().value as [string, Group];
        this.close(oldestKey, oldest);
      }
    }
    group.values[point.metric] = point.value;
  }

  /** The end of the file: every open request is complete. */
  finish(): void {
    for (const [key, group] of [...this.open]) this.close(key, group);
  }

  private close(key: string, group: Group): void {
    this.open.delete(key);
    const request = this.toRequest(group);
    if (request) this.emit(request);
    else this.stats.incomplete++;
  }

  private toRequest({ point, values: v }: Group): ImportedRequest | null {
    const duration = v.http_req_duration;
    if (duration === undefined) return null;
    const { tags } = point;
    const failed = v.http_req_failed === undefined ? null : v.http_req_failed > 0;
    let status = /^\d{1,3}$/.test(tags.status ?? '') ? Number(tags.status) : null;
    if (status === null) {
      this.stats.withoutStatus++;
      status = failed ? 0 : 200;
    }
    let error: string | null = tags.error ?? null;
    if (error === null && status === 0) error = 'no response (status 0)';
    if (error === null && failed && status < 400)
      error = `k6 counted it as failed (http_req_failed) with status ${status}`;
    return {
      start: { sec: point.at.sec, us: point.at.us - duration * 1000 },
      durationMs: duration,
      endpoint: endpointLabelOf(tags.method, tags.name ?? tags.url),
      status,
      error,
      lane: point.vu === null ? null : `VU ${point.vu}`,
      phases: {
        // k6 counts connecting and the TLS handshake inside http_req_blocked (see ClientPhases).
        blockedMs: minus(v.http_req_blocked, v.http_req_connecting, v.http_req_tls_handshaking),
        dnsMs: null,
        connectMs: v.http_req_connecting ?? null,
        tlsMs: v.http_req_tls_handshaking ?? null,
        sendMs: v.http_req_sending ?? null,
        waitMs: v.http_req_waiting ?? null,
        receiveMs: v.http_req_receiving ?? null,
      },
    };
  }
}

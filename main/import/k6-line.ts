/**
 * One line of k6's JSON output (`k6 run --out json=FILE`), checked.
 *
 * Each line is one object: `{"type":"Metric","data":{…},"metric":NAME}` declares a metric the
 * first time it is used, `{"type":"Point","metric":NAME,"data":{"time":RFC3339,"value":N,
 * "tags":{…},"metadata":{…}}}` is one sample (key order differs between k6 versions). Only the
 * HTTP request metrics are read in full; other points (vus, iterations, checks, custom metrics)
 * are only checked to be points. k6 put `vu` and `iter` in the tags before v0.41 and in
 * `metadata` since; both are read, and either may be absent.
 */
import { ImportError, quote } from './import-error.ts';
import { parseTimestamp, type Instant } from './timestamp.ts';

/** The metrics k6 writes for each HTTP request, all with the same time and tags. */
export const K6_HTTP_METRICS = [
  'http_reqs',
  'http_req_duration',
  'http_req_blocked',
  'http_req_connecting',
  'http_req_tls_handshaking',
  'http_req_sending',
  'http_req_waiting',
  'http_req_receiving',
  'http_req_failed',
] as const;
export type K6HttpMetric = (typeof K6_HTTP_METRICS)[number];
const HTTP_METRICS: ReadonlySet<string> = new Set(K6_HTTP_METRICS);

export type K6Line =
  | { kind: 'blank' }
  | { kind: 'metric'; name: string }
  /** A point of a metric that is not about HTTP requests: counted, not read. */
  | { kind: 'other-point'; metric: string }
  | {
      kind: 'http-point';
      metric: K6HttpMetric;
      /** As written: the join key compares it exactly. */
      time: string;
      /** The request's end. */
      at: Instant;
      value: number;
      tags: Record<string, string>;
      vu: string | null;
      iter: string | null;
    };

const EXPECTED =
  'expected one k6 JSON object per line, {"type":"Point",…} or {"type":"Metric",…} (k6 run --out json=FILE)';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Tag values as k6 writes them (strings); numbers and booleans from other writers become strings. */
function readTags(value: unknown, at: string): Record<string, string> {
  if (value === null || value === undefined) return {};
  if (!isObject(value))
    throw new ImportError(`${at}: "data.tags" is ${quote(value)}; expected an object of tags or null`);
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') tags[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') tags[k] = String(v);
  }
  return tags;
}

function idOf(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** Parses line number `lineNo` (1-based); throws an ImportError naming the line and what was expected. */
export function parseK6Line(text: string, lineNo: number): K6Line {
  const at = `line ${lineNo}`;
  if (text.trim() === '') return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ImportError(`${at} is not JSON (${(e as Error).message}); ${EXPECTED}`);
  }
  if (!isObject(value)) throw new ImportError(`${at} is ${quote(value)}; ${EXPECTED}`);
  const { type, metric, data } = value;
  if (type === 'Metric') {
    const name =
      typeof metric === 'string' ? metric : isObject(data) && typeof data.name === 'string' ? data.name : null;
    if (name === null)
      throw new ImportError(`${at}: a "Metric" line has "metric" ${quote(metric)}; expected the metric's name`);
    return { kind: 'metric', name };
  }
  if (type !== 'Point') throw new ImportError(`${at}: "type" is ${quote(type)}; ${EXPECTED}`);
  if (typeof metric !== 'string')
    throw new ImportError(`${at}: a "Point" line has "metric" ${quote(metric)}; expected the metric's name`);
  if (!HTTP_METRICS.has(metric)) return { kind: 'other-point', metric };
  if (!isObject(data))
    throw new ImportError(`${at}: "data" of ${metric} is ${quote(data)}; expected {"time","value","tags"}`);
  const end = typeof data.time === 'string' ? parseTimestamp(data.time) : null;
  if (end === null)
    throw new ImportError(
      `${at}: "data.time" of ${metric} is ${quote(data.time)}; expected an RFC 3339 time such as 2026-01-05T10:00:00.123456Z`,
    );
  if (typeof data.value !== 'number' || !Number.isFinite(data.value) || data.value < 0)
    throw new ImportError(
      `${at}: "data.value" of ${metric} is ${quote(data.value)}; expected a number ≥ 0 (milliseconds, or 0/1 for counts and rates)`,
    );
  const tags = readTags(data.tags, at);
  const metadata = isObject(data.metadata) ? data.metadata : {};
  return {
    kind: 'http-point',
    metric: metric as K6HttpMetric,
    time: data.time as string,
    at: end,
    value: data.value,
    tags,
    vu: idOf(metadata.vu) ?? tags.vu ?? null,
    iter: idOf(metadata.iter) ?? tags.iter ?? null,
  };
}

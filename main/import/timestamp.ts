/**
 * RFC 3339 times as both formats write them. `Date.parse` keeps only milliseconds, and k6
 * writes nanoseconds ("2026-01-05T10:00:00.123456789+01:00"); microseconds since the epoch in one
 * double are only good to a quarter of a microsecond today. So a time is whole seconds since the
 * epoch plus microseconds within that second, and the run's times are taken relative to a
 * second near its start (kept-requests.ts), where a double holds nanoseconds.
 */

/** Whole seconds since the Unix epoch, and microseconds after them (fractional: nanoseconds). */
export interface Instant {
  sec: number;
  us: number;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/** The instant `text` names, or null when it is not an RFC 3339 time with a zone. */
export function parseTimestamp(text: string): Instant | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const offsetMinutes = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  const nanos = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
  return { sec: ms / 1000, us: nanos / 1000 };
}

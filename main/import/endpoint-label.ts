/**
 * What an imported request is grouped by: its method and URL path, "GET /api/items/42". The
 * query string is left out (it is usually what varies per request), and so are scheme and host:
 * an imported run is about one system's endpoints. A target that is not a URL (k6's `name` tag
 * set to a group name such as "item page") is kept as it is.
 */
import { MAX_ENDPOINT_LABEL_CHARS } from '../../shared/limits.ts';

/** The path of an absolute or relative URL, as written (no decoding: k6's "${}" stays readable). */
function pathOf(target: string): string {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  if (!absolute && !target.startsWith('/')) return target;
  return target.slice(absolute ? absolute[0].length : 0).replace(/[?#].*$/, '') || '/';
}

/** "GET /api/items" from a method and a URL (or a group name); at most MAX_ENDPOINT_LABEL_CHARS. */
export function endpointLabelOf(method: string | undefined, target: string | undefined): string {
  const m = (method ?? '').trim().toUpperCase().slice(0, 16) || '?';
  const path = target === undefined || target.trim() === '' ? '(no URL)' : pathOf(target.trim());
  const label = `${m} ${path}`;
  return label.length > MAX_ENDPOINT_LABEL_CHARS ? `${label.slice(0, MAX_ENDPOINT_LABEL_CHARS - 1)}…` : label;
}

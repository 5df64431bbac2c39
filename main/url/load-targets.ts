/**
 * A URL target's requests as the load generator sends them: the origin a connection opens, the
 * path and query of the request line, and the headers flattened. The URL is read by the same
 * WHATWG parser the safety check used, so the host checked is the host connected to. A fragment
 * (`#…`) is never sent, as in a browser.
 */
import type { UrlTarget } from '../../shared/scenario.ts';
import type { LoadTarget } from '../engine/threads/protocol.ts';

export function loadTargets(target: UrlTarget): LoadTarget[] {
  return target.requests.map((r) => {
    const url = new URL(r.url);
    return {
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: r.method,
      headers: Object.entries(r.headers).flat(),
      body: r.body ?? null,
    };
  });
}

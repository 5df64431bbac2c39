/**
 * A URL run's target in words, and the rule that keeps load on this machine.
 *
 * A URL run sends load to a server Interleave did not start. Loopback hosts (127.0.0.0/8, ::1,
 * localhost) are this machine and run at once; any other host is someone's server, so it must
 * be named in the target's `allowRemote` (`--allow-remote HOST` on the command line; the app asks
 * first and adds it). The check reads the host the WHATWG parser reads, the one the client then
 * connects to, and never looks a name up: `127.0.0.1.example.com` is remote, whatever it
 * resolves to. `localhost` is trusted by name (the OS resolves it to loopback).
 */
import type { Scenario, UrlRequest, UrlTarget } from './scenario.ts';

/** What a URL run cannot see, said wherever its threads would be. */
export const URL_THREADS_NOTE =
  "Server threads are not visible: a URL run sees each request from the client's side only, unless the server adds Interleave's Server-Timing middleware.";

/** Where a URL run's threads came from, when its server carries Interleave's probe. */
export const URL_PROBED_NOTE =
  "Server threads are drawn from the Server-Timing metrics of Interleave's probe on the server, moved onto this run's clock by the requests' own timing.";

/** The note for a URL run that recorded server threads (`seen`) or none. */
export function urlThreadsNote(seen: boolean): string {
  return seen ? URL_PROBED_NOTE : URL_THREADS_NOTE;
}

/** Is `hostname` (as `new URL(…).hostname` spells it) this machine's loopback? */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** A host name as written in `allowRemote` or a URL, for comparing: lower case, no brackets. */
function hostKey(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
}

/** The host a request's URL connects to (`[::1]` for IPv6), or null when the URL does not parse. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** The hosts of `target` that are neither loopback nor allowed, each once, in request order. */
export function remoteHostsNotAllowed(target: {
  requests: readonly { url: string }[];
  allowRemote: readonly string[];
}): string[] {
  const allowed = new Set(target.allowRemote.map(hostKey));
  const out: string[] = [];
  for (const r of target.requests) {
    const host = hostOf(r.url);
    if (host === null || isLoopbackHost(host) || allowed.has(hostKey(host)) || out.includes(host)) continue;
    out.push(host);
  }
  return out;
}

/** The hosts of `target` that are not loopback (allowed or not), each once. */
export function remoteHosts(target: { requests: readonly { url: string }[] }): string[] {
  return remoteHostsNotAllowed({ requests: target.requests, allowRemote: [] });
}

/** The refusal for hosts that are not allowed: names each host and the way to allow it. */
export function remoteRefusal(hosts: readonly string[]): string {
  const list = hosts.map((h) => `"${h}"`).join(', ');
  const flags = hosts.map((h) => `--allow-remote ${hostKey(h)}`).join(' ');
  const entries = hosts.map((h) => JSON.stringify(hostKey(h))).join(', ');
  return (
    `${list} ${hosts.length === 1 ? 'is not a loopback host' : 'are not loopback hosts'} (127.0.0.0/8, ::1, localhost): ` +
    `Interleave sends load only to this machine unless you name the host. Allow it with ${flags} ` +
    `on the command line, or "allowRemote": [${entries}] in the scenario's target.`
  );
}

/** One request as a person reads it: `GET http://127.0.0.1:8000/api/items`. */
export function describeUrlRequest(request: Pick<UrlRequest, 'method' | 'url'>): string {
  return `${request.method} ${request.url}`;
}

/** The target in a few words: `GET http://…` for one request, `3 URLs` for a mix. */
export function describeUrlTarget(target: Pick<UrlTarget, 'requests'>): string {
  const [first] = target.requests;
  return target.requests.length === 1 ? describeUrlRequest(first) : `${target.requests.length} URLs`;
}

/** The URL target of `scenario`, or null when it runs on the model or real Django. */
export function urlTargetOf(scenario: Pick<Scenario, 'target'>): UrlTarget | null {
  // Old stored runs have no target: they ran on the model.
  return scenario.target?.kind === 'url' ? scenario.target : null;
}

/**
 * The name of request `index`'s endpoint: the scenario's endpoint, or for a URL run the request
 * of its list (`GET http://…`). Undefined when the index is out of range.
 */
export function endpointName(scenario: Pick<Scenario, 'target' | 'endpoints'>, index: number): string | undefined {
  const url = urlTargetOf(scenario);
  if (url) {
    const request = url.requests[index];
    return request ? describeUrlRequest(request) : undefined;
  }
  return scenario.endpoints[index]?.name;
}

/** How many endpoints (or, for a URL run, requests of the mix) request records may index. */
export function endpointCount(scenario: Pick<Scenario, 'target' | 'endpoints'>): number {
  return urlTargetOf(scenario)?.requests.length ?? scenario.endpoints.length;
}

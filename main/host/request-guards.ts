/**
 * Who may talk to the browser-mode host. It listens on 127.0.0.1 only, but that alone does not
 * keep other web pages out: any site the user visits can make the browser connect to loopback.
 *
 * - Host header exactly `127.0.0.1:PORT` or `localhost:PORT`: defeats DNS rebinding, where a
 *   foreign name (evil.example) is made to resolve to 127.0.0.1 so the attacker's page becomes
 *   "same origin" with the host; its requests still carry `Host: evil.example:PORT`.
 * - Origin exactly `http://127.0.0.1:PORT` or `http://localhost:PORT` on the WebSocket: browsers
 *   do not apply the same-origin policy to WebSockets, so without it any page could connect.
 * - The per-launch token: proves the client was given the URL printed at launch, which keeps out
 *   other local users and programs that can reach the port but never saw the URL.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { TOKEN_PROTOCOL_PREFIX } from '../../shared/transports/websocket-protocol.ts';

/** A fresh random token: 32 bytes, base64url (only characters valid in a subprotocol name). */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** True when the Host header names this host on loopback, with the port, exactly. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** True when the Origin header is the page this host served. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** The token offered in a `Sec-WebSocket-Protocol` header (comma-separated list), if any. */
export function tokenFromProtocols(header: string | undefined): string | undefined {
  for (const value of (header ?? '').split(',')) {
    const protocol = value.trim();
    if (protocol.startsWith(TOKEN_PROTOCOL_PREFIX)) return protocol.slice(TOKEN_PROTOCOL_PREFIX.length);
  }
  return undefined;
}

/** Compares tokens in constant time, so response timing does not leak a prefix. */
export function tokensMatch(offered: string | undefined, expected: string): boolean {
  if (offered === undefined) return false;
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

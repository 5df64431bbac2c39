/**
 * The one Content-Security-Policy of the renderer, sent as a header by both hosts: the Electron
 * shell's `app://` protocol handler and the browser-mode host's static file server.
 *
 * Why each part:
 * - `script-src 'self'`: only the built bundle runs; no inline scripts, no eval.
 * - `worker-src 'self'`: the renderer's analysis worker is a built script of the page's origin.
 *   Stated rather than left to fall back to script-src, so a later script-src change cannot
 *   quietly admit blob: or data: workers (a worker runs code as freely as a script).
 * - `style-src 'self' 'unsafe-inline'`: React and recharts set `style` attributes on elements;
 *   without this the charts lose their layout. Styles cannot run code.
 * - `img-src data: blob:`: exported images and canvas snapshots.
 * - `connect-src ws://127.0.0.1:* ws://localhost:*`: the browser-mode bridge is a WebSocket to
 *   the page's own origin; 'self' covers same-origin ws: only in browsers that implement CSP 3's
 *   rule for it, so the loopback WebSocket is named explicitly. Nothing else may be fetched.
 * - `object-src`, `base-uri`, `frame-ancestors`, `form-action`: closed, the app uses none.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** Headers every renderer response carries, in both hosts. */
export const RENDERER_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The page is small and rebuilt often; a stale cached bundle would talk to a newer host.
  'Cache-Control': 'no-store',
});

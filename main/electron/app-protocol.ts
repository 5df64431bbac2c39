/**
 * The app's own origin in Electron: `app://interleave/`, a privileged custom scheme serving the
 * built renderer from disk. Preferred to `file://` (Electron's security guide, "avoid file://"):
 * a file URL page may read any other file URL, has no real origin to check senders and
 * navigations against, and gets no response headers, so no CSP header. Here every response is
 * built by us, with the same security headers the browser-mode host sends.
 *
 * This module has no Electron import, so it is type-checked and tested everywhere; main.ts
 * registers the scheme and hands `respondToAppRequest` to `protocol.handle`.
 */
import { readFile } from 'node:fs/promises';
import { contentTypeOf, resolveStaticPath } from '../platform/static-files.ts';
import { RENDERER_SECURITY_HEADERS } from '../platform/content-security-policy.ts';

export const APP_SCHEME = 'app';
const APP_HOST = 'interleave';
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * For `protocol.registerSchemesAsPrivileged`: `standard` gives the scheme real origins and
 * relative URL resolution (module scripts and assets resolve like on http), `secure` makes it a
 * secure context; `supportFetchAPI` lets the bundle fetch its own assets. Nothing else (no
 * `bypassCSP`, no `corsEnabled`, no service workers).
 */
export const APP_SCHEME_PRIVILEGES = Object.freeze({ standard: true, secure: true, supportFetchAPI: true });

/** True when `url` is a page or asset of the app itself. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
  );
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...RENDERER_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** The response to one `app://` request: a file of `staticDir`, or 404. Never throws. */
export async function respondToAppRequest(url: string, staticDir: string): Promise<Response> {
  if (!isAppUrl(url)) return plain(404, 'Not found\n');
  const file = resolveStaticPath(staticDir, new URL(url).pathname);
  if (file === null) return plain(400, 'Bad path\n');
  try {
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: { ...RENDERER_SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) },
    });
  } catch {
    return plain(404, 'Not found\n');
  }
}

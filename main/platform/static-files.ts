/**
 * Serving the built renderer (out/renderer) from disk, for the browser-mode host and the
 * Electron shell's `app://` protocol.
 *
 * A request path is untrusted. It is decoded once, then refused if any segment is `..` or starts
 * with a dot, or if it holds a NUL or a backslash; the resolved file must still lie inside the
 * root. The check runs AFTER decoding because `%2f` hides a slash from URL normalisation:
 * `/..%2f..%2fetc/passwd` is one innocent-looking segment until it is decoded.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { RENDERER_SECURITY_HEADERS } from './content-security-policy.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The MIME type sent for a file; unknown kinds are sent as bytes, never sniffed. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that `urlPath` (the path part of a request, still percent-encoded) names,
 * `index.html` for `/`; or null when the path is malformed or tries to leave the root.
 * Whether the file exists is not checked here.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  const rawPath = urlPath.split(/[?#]/, 1)[0];
  if (!rawPath.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return null;
  const base = resolve(root);
  const file = resolve(base, ...(segments.length === 0 ? ['index.html'] : segments));
  return file.startsWith(base + sep) ? file : null;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...RENDERER_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** Answers a GET or HEAD for a file of the built renderer; 404 for anything it cannot serve. */
export function serveStatic(req: IncomingMessage, res: ServerResponse, root: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'Method not allowed\n');
  }
  let file = resolveStaticPath(root, req.url ?? '/');
  if (file === null) return sendText(res, 400, 'Bad path\n');
  let stats = statSync(file, { throwIfNoEntry: false });
  if (stats?.isDirectory()) {
    file = join(file, 'index.html');
    stats = statSync(file, { throwIfNoEntry: false });
  }
  if (!stats?.isFile()) return sendText(res, 404, 'Not found\n');
  res.writeHead(200, {
    ...RENDERER_SECURITY_HEADERS,
    'Content-Type': contentTypeOf(file),
    'Content-Length': String(stats.size),
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * How large a file the app imports, by host. The page sends a dropped file's text to the host in
 * one call: in browser mode that is one WebSocket message of at most MAX_MESSAGE_BYTES, and JSON
 * escaping can nearly double a k6 or HAR file's quotes, so half of it is what surely fits; the
 * desktop shell takes what the API takes. Bigger files are refused with a sentence that points
 * at the command line, which streams files of any size.
 */
import { MAX_IMPORT_CHARS } from '../../../shared/limits.ts';
import { MAX_MESSAGE_BYTES } from '../../../shared/transports/websocket-protocol.ts';

export function importLimitBytes(mode: 'electron' | 'browser' | undefined): number {
  return mode === 'electron' ? MAX_IMPORT_CHARS : MAX_MESSAGE_BYTES / 2;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** Why the app will not import `file`, or null when it will. */
export function importRefusal(
  file: { name: string; size: number },
  mode: 'electron' | 'browser' | undefined,
): string | null {
  const cli = `npx interleave import ${/^[\w./-]+$/.test(file.name) ? file.name : JSON.stringify(file.name)}`;
  if (/\.gz$/i.test(file.name))
    return `${file.name} is gzipped; the app reads plain text. The command line reads it as it is: ${cli}`;
  const limit = importLimitBytes(mode);
  if (file.size <= limit) return null;
  const where = mode === 'electron' ? 'the app' : 'the app in browser mode';
  return `${file.name} is ${megabytes(file.size)}; ${where} imports files up to ${megabytes(limit)}. The command line streams files of any size: ${cli}`;
}

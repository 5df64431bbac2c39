/**
 * Reading another tool's file as a run, streaming: the command line and the desktop shell give
 * a path (any size; gzipped k6 output too), the app's bridge gives the text it was sent. Both go
 * through the same readers, which keep one line (k6) or one entry (HAR) at a time besides the
 * requests they keep. Interleave's own run export is a single JSON document: it is read whole
 * (up to MAX_IMPORT_CHARS) and checked. Nothing here touches the store: a file is read and
 * checked completely before a host opens one.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { IMPORT_FORMAT_NAMES } from '../../shared/imported-run.ts';
import { MAX_IMPORT_CHARS } from '../../shared/limits.ts';
import { parseRunJson } from '../../shared/report/json.ts';
import type { RunDocument } from '../../shared/run.ts';
import type { ImportFormat } from '../../shared/scenario.ts';
import { ValidationError } from '../../shared/validation.ts';
import { buildImportedRun, type ImportedRun } from './build-run.ts';
import { detectFormat, HEAD_CHARS, type ImportChoice } from './detect-format.ts';
import { ImportError } from './import-error.ts';
import { KeptRequests } from './kept-requests.ts';
import { readHar } from './read-har.ts';
import { readK6 } from './read-k6.ts';

export interface ImportProgress {
  bytesRead: number;
  /** The file's size (compressed, for a gzipped file); null when unknown. */
  totalBytes: number | null;
  requests: number;
}

export interface ImportOptions {
  /** Overrides what the first characters say. */
  format?: ImportChoice;
  onProgress?: (progress: ImportProgress) => void;
  /** Most requests kept (MAX_IMPORTED_REQUESTS); tests set fewer. */
  limit?: number;
}

/** A run export, checked, to store as it is; or another tool's requests made into a run. */
export type ReadImport = { format: 'run'; doc: RunDocument } | { format: ImportFormat; run: ImportedRun };

/** Text pieces of a string, for the readers, which take streams. */
function* slices(text: string, size = 1024 * 1024): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function readAs(
  format: ImportFormat,
  text: Readable,
  file: string,
  options: ImportOptions,
  progress: () => Omit<ImportProgress, 'requests'>,
): Promise<ReadImport> {
  const kept = new KeptRequests(options.limit);
  const tick = () => options.onProgress?.({ ...progress(), requests: kept.count });
  try {
    const notes = format === 'k6' ? await readK6(text, kept, tick) : await readHar(text, kept, tick);
    return { format, run: buildImportedRun(kept, { format, file, notes }) };
  } catch (error) {
    if (error instanceof ImportError)
      throw new ValidationError(`The ${IMPORT_FORMAT_NAMES[format]} file${file === UNNAMED ? '' : ` ${file}`}`, [
        error.message,
      ]);
    throw error;
  }
}

/** The name a run gets from text that came without a file name. */
const UNNAMED = 'unnamed';

/** The text the app was sent (a dropped file), read as `options.format` or as its first characters say. */
export async function readImportText(
  text: string,
  fileName: string = UNNAMED,
  options: ImportOptions = {},
): Promise<ReadImport> {
  const format = options.format ?? detectFormat(text.slice(0, HEAD_CHARS));
  if (format === 'run') return { format, doc: parseRunJson(text) };
  let read = 0;
  const counted = Readable.from(
    (function* () {
      for (const piece of slices(text)) {
        read += piece.length;
        yield piece;
      }
    })(),
  );
  return readAs(format, counted, fileName, options, () => ({ bytesRead: read, totalBytes: text.length }));
}

/** A file on disk, streamed (gunzipped when it starts with gzip's magic bytes). */
export async function readImportFile(path: string, options: ImportOptions = {}): Promise<ReadImport> {
  const { size } = await stat(path);
  const magic = Buffer.alloc(2);
  const handle = await open(path, 'r');
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const gzipped = size >= 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  const file = createReadStream(path);
  const decoded = (gzipped ? file.pipe(createGunzip()) : file).setEncoding('utf8');
  if (gzipped) file.on('error', (e) => decoded.destroy(e));
  // The first characters decide the format; they are then read again as the stream's start.
  const head: string[] = [];
  let headChars = 0;
  const rest = decoded[Symbol.asyncIterator]();
  while (headChars < HEAD_CHARS) {
    const next = await rest.next();
    if (next.done) break;
    head.push(next.value as string);
    headChars += (next.value as string).length;
  }
  const format = options.format ?? detectFormat(head.join('').slice(0, HEAD_CHARS));
  const text = Readable.from(
    (async function* () {
      yield* head;
      for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value as string;
    })(),
  );
  const name = basename(path);
  if (format !== 'run') {
    try {
      return await readAs(format, text, name, options, () => ({ bytesRead: file.bytesRead, totalBytes: size }));
    } finally {
      // A reader that stopped early (log.entries closed, the request limit reached) leaves the
      // file open behind the re-read head: close it here, whatever happened.
      file.destroy();
    }
  }
  // A run export is one JSON document: read whole, up to the limit the API has for it.
  const parts: string[] = [];
  let chars = 0;
  for await (const piece of text) {
    chars += (piece as string).length;
    if (chars > MAX_IMPORT_CHARS) {
      text.destroy();
      throw new ValidationError(`The run file ${name}`, [
        `has more than ${MAX_IMPORT_CHARS} characters; an Interleave run export has at most that (k6 and HAR files have no such limit)`,
      ]);
    }
    parts.push(piece as string);
  }
  return { format, doc: parseRunJson(parts.join('')) };
}

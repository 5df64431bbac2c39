/**
 * k6's JSON output read line by line: node:readline over the file's stream, one line held at a
 * time, so memory stays what the kept requests need whatever the file's size. Lines are checked
 * as they come (k6-line.ts) and joined into requests (k6-join.ts).
 *
 * k6 stopped hard (killed, out of disk) can leave its last line cut short: a last line that is
 * not JSON is skipped with a note; any other bad line stops the import with its number.
 */
import { createInterface } from 'node:readline';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { ImportError } from './import-error.ts';
import { K6Join } from './k6-join.ts';
import { parseK6Line } from './k6-line.ts';
import type { KeptRequests } from './kept-requests.ts';

/** Longest line: a k6 point is a few hundred bytes; a file without newlines is not k6's output. */
export const MAX_K6_LINE_CHARS = 1024 * 1024;
/** Distinct non-HTTP metric names remembered for the note. */
const NAMED_METRICS = 100;

/**
 * Passes text through unchanged and fails once a line grows past `max` characters, so readline
 * (which has no such limit) never gathers a gigabyte line.
 */
class LineLengthGuard extends Transform {
  private sinceNewline = 0;
  private lines = 1;
  constructor(private readonly max: number) {
    super({ decodeStrings: false, encoding: 'utf8' });
  }
  override _transform(chunk: string, _encoding: BufferEncoding, done: TransformCallback): void {
    for (let from = 0; ;) {
      const nl = chunk.indexOf('\n', from);
      this.sinceNewline += (nl < 0 ? chunk.length : nl) - from;
      if (this.sinceNewline > this.max) {
        const mb = this.max / 1024 / 1024;
        done(
          new ImportError(`line ${this.lines} is longer than ${mb} MB; k6's JSON output has one short object per line`),
        );
        return;
      }
      if (nl < 0) break;
      this.sinceNewline = 0;
      this.lines++;
      from = nl + 1;
    }
    done(null, chunk);
  }
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Reads k6 points from `text` (a stream of strings) into `kept` until the file ends or `kept`
 * is full; `tick` is called every few thousand lines (for progress). Returns notes for the run.
 */
export async function readK6(text: Readable, kept: KeptRequests, tick: () => void): Promise<string[]> {
  const guard = new LineLengthGuard(MAX_K6_LINE_CHARS);
  text.on('error', (e) => guard.destroy(e));
  const lines = createInterface({ input: text.pipe(guard), crlfDelay: Infinity });
  let stop = false;
  const join = new K6Join((request) => {
    if (!kept.add(request)) stop = true;
  });
  const skipped = new Map<string, number>();
  let skippedPoints = 0;
  let lineNo = 0;
  let pending: ImportError | null = null;
  try {
    for await (const raw of lines) {
      if (pending) throw pending;
      lineNo++;
      let line;
      try {
        line = parseK6Line(lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw, lineNo);
      } catch (e) {
        // Perhaps the last line, cut short: decided by whether another line follows.
        if (e instanceof ImportError && /^line \d+ is not JSON/.test(e.message)) {
          pending = e;
          continue;
        }
        throw e;
      }
      if (line.kind === 'http-point') join.add(line);
      else if (line.kind === 'other-point') {
        skippedPoints++;
        if (skipped.has(line.metric) || skipped.size < NAMED_METRICS)
          skipped.set(line.metric, (skipped.get(line.metric) ?? 0) + 1);
      }
      if (stop) break;
      if (lineNo % 4096 === 0) tick();
    }
  } finally {
    lines.close();
    text.destroy();
    guard.destroy();
  }
  if (!stop) join.finish();
  tick();
  const notes: string[] = [];
  if (pending) notes.push(`The last line (${lineNo}) was cut short and was skipped.`);
  if (skippedPoints > 0) {
    const names = [...skipped.keys()].slice(0, 6).join(', ');
    const what =
      skippedPoints === 1
        ? 'point of a metric other than HTTP requests was'
        : 'points of metrics other than HTTP requests were';
    notes.push(`${count(skippedPoints)} ${what} not imported (${names}${skipped.size > 6 ? ', …' : ''}).`);
  }
  const { incomplete, withoutStatus } = join.stats;
  if (incomplete > 0)
    notes.push(
      `${count(incomplete)} ${incomplete === 1 ? 'group of HTTP points had' : 'groups of HTTP points had'} no http_req_duration and ${incomplete === 1 ? 'was' : 'were'} left out.`,
    );
  if (withoutStatus > 0)
    notes.push(
      `${count(withoutStatus)} ${withoutStatus === 1 ? 'request had' : 'requests had'} no status tag: counted as 200, or 0 where http_req_failed said it failed.`,
    );
  return notes;
}

/**
 * One progress line on stderr, redrawn at most 10 times a second, only on a terminal, and never
 * with --json (stdout then carries exactly one JSON object and nothing else may interleave).
 */
import type { RunProgress } from '../../shared/trace.ts';

const WIDTH = 24;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function progressLine(stream: NodeJS.WriteStream, enabled: boolean) {
  let last = 0;
  let drawn = false;
  return {
    update(p: RunProgress): void {
      if (!enabled) return;
      const t = Date.now();
      if (t - last < 100) return;
      last = t;
      const fraction = p.total ? p.done / p.total : p.plannedMs ? Math.min(1, p.elapsedMs / p.plannedMs) : 0;
      const bar = '#'.repeat(Math.round(fraction * WIDTH)).padEnd(WIDTH, '.');
      const what =
        p.phase === 'starting'
          ? 'starting threads'
          : p.phase === 'finishing'
            ? 'collecting records'
            : `${p.done}${p.total ? `/${p.total}` : ''} requests`;
      stream.write(`\r[${bar}] ${what}  ${(p.elapsedMs / 1000).toFixed(1)} s\x1b[K`);
      drawn = true;
    },
    /** An import reading a file: bytes read of the file's size, and requests kept so far. */
    reading(p: { bytesRead: number; totalBytes: number | null; requests: number }): void {
      if (!enabled) return;
      const t = Date.now();
      if (t - last < 100) return;
      last = t;
      const fraction = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
      const bar = '#'.repeat(Math.round(fraction * WIDTH)).padEnd(WIDTH, '.');
      const of = p.totalBytes === null ? '' : ` of ${megabytes(p.totalBytes)}`;
      stream.write(
        `\r[${bar}] ${megabytes(p.bytesRead)}${of} read, ${p.requests.toLocaleString('en-US')} requests\x1b[K`,
      );
      drawn = true;
    },
    clear(): void {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}

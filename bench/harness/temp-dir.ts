/** One temporary folder per bench process (shop database, stores), removed when it exits. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let dir: string | undefined;

export function benchTempDir(): string {
  if (dir) return dir;
  dir = mkdtempSync(join(tmpdir(), 'interleave-bench-'));
  const made = dir;
  process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  return dir;
}

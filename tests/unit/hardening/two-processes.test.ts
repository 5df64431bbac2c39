// Two Interleave processes running at once on one machine, sharing the data folder (and so the
// shop database): each run's server and upstream take whatever free port the OS gives them
// (port 0), so neither finds its port taken, and both complete with every request answered.
// (A browser-mode host asked for a busy port picks another: tests/unit/host/browser-host.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../bin/interleave.js', import.meta.url));

async function cliRun(db: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, 'run', '--preset', 'shop-mix', '--requests', '60', '--json', '--db', db]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  return { code, stdout, stderr };
}

test('two processes run at once, sharing the data folder, and both complete', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-two-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const results = await Promise.all([cliRun(join(dir, 'a.db')), cliRun(join(dir, 'b.db'))]);
  for (const [i, r] of results.entries()) {
    assert.equal(r.code, 0, `process ${i}: ${r.stderr}`);
    const summary = JSON.parse(r.stdout) as { status: string; requests: number; errors: number };
    assert.deepEqual([summary.status, summary.requests, summary.errors], ['complete', 60, 0], `process ${i}`);
  }
});

/**
 * `interleave … | head -c 10`: the reader closes the pipe before the command has written
 * everything. The command must end quietly (no EPIPE stack trace), finish its work and exit with
 * its own code. A real child process and a real pipe whose read end this test closes.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'interleave-pipe-test-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'runs.db');

/**
 * Runs the command with stdout on a pipe whose read end is closed once `keep` bytes came through
 * (0: closed at once, before the command writes anything). Resolves with the exit code, the
 * bytes read and everything on stderr.
 */
function withPipeClosedAfter(t: TestContext, keep: number, args: string[]) {
  const child = spawn(process.execPath, ['bin/interleave.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  if (keep === 0) child.stdout.destroy();
  else
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.length >= keep) child.stdout.destroy();
    });
  return new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout: stdout.slice(0, keep), stderr })),
  );
}

test('run --json into a pipe closed before the output: exits 0 without a stack trace, the run stored', async (t) => {
  const r = await withPipeClosedAfter(t, 0, [
    'run',
    ...['--step', 'await', '--latency', '10', '--concurrency', '2', '--requests', '2', '--json', '--db', db],
  ]);
  assert.equal(r.stderr, '', 'nothing on stderr');
  assert.deepEqual([r.code, r.signal], [0, null]);
  const runs = spawnSync(process.execPath, ['bin/interleave.js', 'runs', '--json', '--db', db], { encoding: 'utf8' });
  assert.equal(JSON.parse(runs.stdout)[0].summary.requests, 2, 'the run finished and was stored');
});

test('runs (one write a run) into a pipe closed before the output: a quiet exit 0', async (t) => {
  // A second stored run, so the listing writes more than once after the reader has gone.
  const run = spawnSync(
    process.execPath,
    [
      'bin/interleave.js',
      'run',
      '--step',
      'await',
      '--latency',
      '1',
      '--requests',
      '1',
      '--concurrency',
      '1',
      '--db',
      db,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(run.status, 0, run.stderr);
  const r = await withPipeClosedAfter(t, 0, ['runs', '--db', db]);
  assert.equal(r.stderr, '', 'nothing on stderr');
  assert.deepEqual([r.code, r.signal], [0, null]);
});

test('a reader that takes 10 bytes and closes (head -c 10) gets them, and the command still exits 0', async (t) => {
  const r = await withPipeClosedAfter(t, 10, ['presets']);
  assert.equal(r.stdout.length, 10);
  assert.equal(r.stderr, '');
  assert.deepEqual([r.code, r.signal], [0, null]);
});

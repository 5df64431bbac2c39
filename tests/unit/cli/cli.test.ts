/**
 * The `interleave` command as a user runs it: a real child process, real threads, a real store.
 * Each test that reads runs makes them in a store of its own, so any one of them can run alone
 * (`--test-name-pattern`) or in any order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'interleave-cli-test-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'runs.db');
let stores = 0;

function interleave(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/interleave.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A new store holding one run per step kind given (4 requests of 50 ms, 4 users), oldest first. */
function storeWithRuns(...steps: ('block' | 'await')[]): string {
  const file = join(dir, `store-${++stores}.db`);
  for (const step of steps) {
    const r = interleave(
      'run',
      '--step',
      step,
      '--latency',
      '50',
      '--concurrency',
      '4',
      '--requests',
      '4',
      '--db',
      file,
    );
    assert.equal(r.code, 0, r.stderr);
    // The metrics line of the readable summary: each metric by its one label (shared/analysis/metrics.ts).
    assert.match(
      r.stdout,
      /^ {2}Requests 4 {3}Errors 0 {3}Error rate 0% {3}Successful throughput \S+ req\/s {3}Makespan /m,
    );
  }
  return file;
}

test('run --json prints exactly one JSON object with the summary fields', () => {
  const r = interleave(
    'run',
    '--step',
    'block',
    '--latency',
    '50',
    '--concurrency',
    '4',
    '--requests',
    '4',
    '--json',
    '--db',
    db,
  );
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const out = JSON.parse(lines[0]);
  for (const key of [
    'requests',
    'errors',
    'errorRate',
    'makespanMs',
    'throughputRps',
    'p50Ms',
    'p95Ms',
    'p99Ms',
    'maxMs',
    'maxLoopBlockMs',
    'threadsUsed',
  ])
    assert.equal(typeof out[key], 'number', key);
  assert.equal(out.percentileMethod, 'nearest-rank');
  assert.equal(out.errorRate, 0);
  assert.equal(out.requests, 4);
  assert.equal(typeof out.clockSkewMs, 'number', 'the clock check comes with the finished event');
  assert.ok(out.makespanMs >= 195, `blocking the loop serialises: ${out.makespanMs} ms`);
  assert.equal(r.stderr, '', 'no progress line with --json');
});

test('the bound assumes the cores this process may use, and the run stores them', () => {
  // taskset pins the command to one CPU: os.availableParallelism() is then 1, not the machine's count.
  const oneCore = join(dir, 'one-core.db');
  const args = ['bin/interleave.js', 'run', '--step', 'cpu', '--latency', '5', '--requests', '2', '--concurrency', '2'];
  const r = spawnSync('taskset', ['-c', '0', process.execPath, ...args, '--json', '--db', oneCore], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).bound.cores, 1);
  const [stored] = JSON.parse(interleave('runs', '--json', '--db', oneCore).stdout);
  assert.equal(stored.cores, 1);
  const text = spawnSync('taskset', ['-c', '0', process.execPath, ...args, '--db', oneCore], { encoding: 'utf8' });
  assert.match(text.stdout, /bound .*\(On 1 CPU core\.\)/);
});

test('runs lists what run stored; export and import round-trip it', () => {
  const db = storeWithRuns('block');
  const listed = JSON.parse(interleave('runs', '--json', '--db', db).stdout);
  assert.equal(listed.length, 1);
  const id = String(listed[0].id);
  const file = join(dir, 'run.json');
  assert.equal(interleave('export', id, '--out', file, '--db', db).code, 0);
  const imported = interleave('import', file, '--json', '--db', db);
  assert.equal(imported.code, 0, imported.stderr);
  const info = JSON.parse(imported.stdout);
  assert.deepEqual(info.summary, listed[0].summary);
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).format, 'interleave-run');
});

test('compare says the difference in words and writes a side-by-side report', () => {
  const db = storeWithRuns('block', 'await');
  const ids = JSON.parse(interleave('runs', '--json', '--db', db).stdout).map((r: { id: number }) => String(r.id));
  assert.equal(ids.length, 2);
  const file = join(dir, 'compare.html');
  const r = interleave('compare', ids[0], ids[1], '--out', file, '--db', db);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /p95 .*× (slower|faster)/);
  assert.match(readFileSync(file, 'utf8'), /<svg/);
  assert.equal(interleave('compare', ids[0], '--db', db).code, 2, 'one run is not a comparison');
});

test('run --help says every flag and how percentiles are computed, and runs nothing', () => {
  for (const flag of ['--help', '-h']) {
    const r = interleave('run', flag, '--db', join(dir, 'never-opened.db'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^usage: interleave run /);
    assert.match(r.stdout, /--concurrency N/);
    assert.match(r.stdout, /Percentiles are nearest-rank .* rank ceil\(0\.95 × n\)/);
    assert.match(r.stdout, /"percentileMethod": "nearest-rank"/);
  }
  assert.ok(!existsSync(join(dir, 'never-opened.db')), 'no store opened, no run made');
});

test('bad flags exit 2 with a message', () => {
  for (const args of [
    ['run', '--workers', 'x'],
    ['run', '--bogus'],
    ['frobnicate'],
    ['export', 'abc', '--out', 'x.html'],
    ['export', '1', '--out', 'x.pdf'],
  ]) {
    const r = interleave(...args, '--db', db);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^interleave: /);
  }
});

test('presets lists every preset with its one-line explanation', () => {
  const r = interleave('presets');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /async-time-sleep\s+async def calling time\.sleep/);
});

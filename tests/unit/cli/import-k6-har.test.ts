/**
 * `interleave import` with k6 and HAR files, as a user runs it: a real child process and store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = mkdtempSync(join(tmpdir(), 'interleave-cli-import-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const K6 = 'tests/fixtures/import/k6-three-requests.json';
const HAR = 'tests/fixtures/import/har-three-entries.har';

function interleave(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/interleave.js', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a k6 file: the run, the notes, the mean client phases and what it cannot show', () => {
  const r = interleave('import', K6, '--db', join(dir, 'a.db'));
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'imported as run 1: k6 k6-three-requests.json, 3 requests');
  assert.equal(
    lines[1],
    '  note      3 points of metrics other than HTTP requests were not imported (vus, data_sent).',
  );
  // Means of (1.5, 0, 0.8) blocked, (8, 0, 0) connect, (3, 0, 0) TLS, (0.5, 1, 0) sending, (90, 240, 2.5) waiting, (9.5, 9, 0) receiving.
  assert.equal(
    lines[2],
    '  phases    mean blocked 0.767 ms · connect 2.67 ms · TLS 1 ms · sending 0.5 ms · waiting 111 ms · receiving 6.17 ms',
  );
  assert.match(lines[3], /^ {2}shows {5}An imported run shows what the client measured/);
  assert.equal(r.stderr, '', 'no progress line when stderr is not a terminal');
});

test('a gzipped k6 file and a HAR file; --json prints exactly the stored run', () => {
  const gz = join(dir, 'results.json.gz');
  writeFileSync(gz, gzipSync(readFileSync(K6)));
  const fromGz = interleave('import', gz, '--json', '--db', join(dir, 'b.db'));
  assert.equal(fromGz.code, 0, fromGz.stderr);
  const info = JSON.parse(fromGz.stdout);
  assert.equal(info.name, 'k6 results.json.gz');
  assert.equal(info.summary.p95Ms, 250);
  const har = interleave('import', HAR, '--json', '--db', join(dir, 'b.db'));
  assert.equal(har.code, 0, har.stderr);
  assert.equal(JSON.parse(har.stdout).summary.p50Ms, 40);
});

test('--format overrides what the first bytes say; a file that is not that format exits 2 and stores nothing', () => {
  const db = join(dir, 'c.db');
  const r = interleave('import', K6, '--format', 'har', '--db', db);
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /^interleave: The HAR file k6-three-requests\.json is not valid:\n {2}- line 1, column \d+: the object has no "log"/,
  );
  assert.equal(existsSync(db), false, 'no store was made for a file that could not be imported');
  const bad = interleave('import', K6, '--format', 'csv', '--db', db);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format is "csv"; allowed run, k6, har/);
});

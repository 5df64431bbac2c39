// A large k6 file (200,000 points, about 50 MB, written to a temporary folder and deleted after)
// imports in a child process whose heap grows by far less than the file.
//
// Why this assertion: a reader that holds the file, as `readFileSync` or `readFile` does, puts the
// whole text on the heap as one string (50 MB here), so the peak growth would be at least the
// file's size; streaming line by line keeps one line and the requests kept (about 22,000 here,
// packed in typed arrays), a few megabytes. The bound, a quarter of the file, sits far from both.
// The child's heap is also capped (--max-old-space-size=96), so a reader that holds the file and
// then splits it runs out of heap there instead of passing on a large machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

const POINTS = 200_000;
const PHASES = [
  'http_req_blocked',
  'http_req_connecting',
  'http_req_tls_handshaking',
  'http_req_sending',
  'http_req_waiting',
  'http_req_receiving',
];

/** Writes POINTS points: requests of 9 points each (HTTP metrics) with a `vus` point every 50 requests. */
async function writeK6File(path: string): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  let requests = 0;
  const line = (metric: string, time: string, value: number, tags: string, vu: number, iter: number) =>
    `{"metric":"${metric}","type":"Point","data":{"time":"${time}","value":${value},"tags":${tags},"metadata":{"iter":"${iter}","vu":"${vu}"}}}\n`;
  while (written < POINTS) {
    const vu = (requests % 40) + 1;
    const micros = requests * 1_234;
    const time = new Date(Date.UTC(2026, 0, 5, 10) + Math.floor(micros / 1000))
      .toISOString()
      .replace('Z', `${String(micros % 1000).padStart(3, '0')}Z`);
    const tags = `{"method":"GET","name":"https://shop.test/api/items/${requests % 7}","scenario":"default","status":"200","url":"https://shop.test/api/items/${requests % 7}?page=${requests}"}`;
    let chunk =
      line('http_reqs', time, 1, tags, vu, requests) +
      line('http_req_duration', time, 20 + (requests % 13), tags, vu, requests);
    for (const p of PHASES) chunk += line(p, time, 1.5, tags, vu, requests);
    chunk += line('http_req_failed', time, 0, tags, vu, requests);
    written += 9;
    if (requests % 50 === 0) {
      chunk += `{"metric":"vus","type":"Point","data":{"time":"${time}","value":40,"tags":null}}\n`;
      written++;
    }
    requests++;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return requests;
}

test(
  'a 50 MB k6 file imports with the heap growing by less than a quarter of the file',
  { timeout: 600_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-k6-stream-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'results.json');
    const requests = await writeK6File(file);
    const fileMB = statSync(file).size / 2 ** 20;
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--max-semi-space-size=1',
        '--max-old-space-size=96',
        '--import',
        'tsx',
        'tests/unit/import/streaming-child.ts',
        file,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    t.after(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0, `the import ran out of its 96 MB heap or failed: ${stderr.slice(-600)}`);
    const result = JSON.parse(stdout) as { requests: number; baseMB: number; peakGrowthMB: number; samples: number };
    t.diagnostic(
      `file ${fileMB.toFixed(1)} MB, ${requests} requests; heap ${result.baseMB.toFixed(1)} MB before, peak growth ${result.peakGrowthMB.toFixed(1)} MB over ${result.samples} samples`,
    );
    assert.equal(result.requests, requests);
    assert.ok(fileMB > 45, `the file is about 50 MB (${fileMB.toFixed(1)} MB)`);
    assert.ok(result.samples > 40, `the heap was sampled throughout (${result.samples} samples)`);
    assert.ok(
      result.peakGrowthMB < fileMB / 4,
      `heap grew by ${result.peakGrowthMB.toFixed(1)} MB importing a ${fileMB.toFixed(1)} MB file; streaming keeps one line at a time`,
    );
  },
);

/**
 * `interleave run --url` as a user runs it: a real child process against a real HTTP server on
 * loopback that this test starts (and closes in t.after), and the refusals that come before any
 * request leaves. The child is spawned asynchronously: spawnSync would block this process's
 * event loop, and with it the server the child sends to.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../hardening/run-cli.ts';
import { startLoopbackServer, startProbedServer } from '../url/loopback-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'interleave-cli-url-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Runs the command line in a child process; killed by its id if it outlives 60 s. */
function interleave(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/interleave.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

test('run --url against a loopback server: the target printed first, every request sent as asked, the numbers', async (t) => {
  const server = await startLoopbackServer((req, res) =>
    setTimeout(() => res.writeHead(req.path === '/api/items' ? 201 : 404).end('done'), 20),
  );
  t.after(() => server.close());
  const bodyFile = join(dir, 'body.json');
  writeFileSync(bodyFile, '{"name":"lamp"}');
  const db = join(dir, 'runs.db');
  const url = `${server.base}/api/items`;
  const args = ['run', '--url', url, '--method', 'post', '--header', 'Content-Type: application/json'];
  const r = await interleave([
    ...args,
    ...['--header', 'X-Trace: a', '--header', 'x-trace: b', '--body-file', bodyFile],
    ...['--concurrency', '3', '--requests', '12', '--json', '--db', db],
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, `  target    POST ${url}\n`, 'with --json the target goes to stderr');
  const out = JSON.parse(r.stdout);
  assert.equal(out.requests, 12);
  assert.equal(out.errors, 0);
  assert.equal(out.name, `POST ${url}`);
  assert.equal(out.bound, null, 'no model bound for your own server');
  assert.equal(out.threadsUsed, 0);
  assert.ok(out.p50Ms >= 20, `p50 ${out.p50Ms}`);
  assert.equal(server.received.length, 12);
  for (const req of server.received) {
    assert.equal(req.method, 'POST');
    assert.equal(req.path, '/api/items');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers['x-trace'], 'a, b');
    assert.equal(req.body, '{"name":"lamp"}');
  }

  // Text output, and a mix of two URLs (an equal one from the command line); 404s are errors.
  const text = await interleave(['run', '--url', url, '--url', `${server.base}/gone`, '--requests', '20', '--db', db]);
  assert.equal(text.code, 0, text.stderr);
  const lines = text.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 2), [`  target    GET ${url} (50%)`, `  target    GET ${server.base}/gone (50%)`]);
  assert.match(text.stdout, /^2 URLs: GET http:\/\/127\.0\.0\.1:\d+\/api\/items, … — run \d+ \(complete\)$/m);
  assert.match(text.stdout, /^ {2}threads {3}Server threads are not visible: .*Server-Timing middleware\.$/m);
  assert.doesNotMatch(text.stdout, /bound|server {4}/);
  const gone = server.received.filter((q) => q.path === '/gone').length;
  assert.match(text.stdout, new RegExp(`Requests 20   Errors ${gone} `));
});

test('run --url at a server with the probe: its threads are counted and said to come from the probe', async (t) => {
  const server = await startProbedServer(5_000, 'asgi', 777);
  t.after(() => server.close());
  const r = await interleave(['run', '--url', `${server.base}/x`, '--requests', '6', '--db', join(dir, 'probed.db')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /^ {2}threads {3}2 threads\. Server threads are drawn from the Server-Timing metrics of Interleave's probe on the server, moved onto this run's clock by the requests' own timing\.$/m,
  );
});

test('refused before anything runs: a remote host, server flags beside --url, malformed companions', async () => {
  const db = join(dir, 'refused.db');
  const cases: [string[], string][] = [
    [
      ['--url', 'http://example.invalid/api'],
      'interleave: "example.invalid" is not a loopback host (127.0.0.0/8, ::1, localhost): Interleave sends load only to this machine unless you name the host. Allow it with --allow-remote example.invalid on the command line, or "allowRemote": ["example.invalid"] in the scenario\'s target.',
    ],
    [
      ['--url', 'http://127.0.0.1:9/', '--preset', 'async-await'],
      'interleave: --url runs your own server at that URL, and --preset describes a server Interleave starts; give one or the other',
    ],
    [
      ['--url', 'http://127.0.0.1:9/', '--on', 'django'],
      'interleave: --url runs your own server at that URL, and --on describes a server Interleave starts; give one or the other',
    ],
    [
      ['--url', 'http://127.0.0.1:9/', '--workers', '4'],
      'interleave: --url runs your own server at that URL, and --workers describes a server Interleave starts; give one or the other',
    ],
    [
      ['--url', 'http://127.0.0.1:9/', '--header', 'no colon'],
      `interleave: --header is "no colon"; allowed "Name: value", such as --header 'Accept: text/html'`,
    ],
    [
      ['--url', 'http://127.0.0.1:9/', '--method', 'TRACE'],
      'interleave: --method is "TRACE"; allowed: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    ],
    [
      ['--url', 'http://127.0.0.1:9/', '--body', 'a', '--body-file', 'b'],
      'interleave: give --body or --body-file, not both',
    ],
    [['--method', 'POST'], 'interleave: --method goes with --url'],
    [
      ['--allow-remote', 'example.com'],
      'interleave: --allow-remote goes with --url, or with a --scenario file whose target is a URL',
    ],
    [['--url', ''], 'interleave: --url needs a value'],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(['run', ...args, '--db', db]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.split('\n')[0], message, args.join(' '));
    assert.equal(r.stdout, '', 'nothing printed, no target announced');
  }
  const bad = await runCli(['run', '--url', 'ftp://127.0.0.1/', '--db', db]);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /`target\.requests\[0\]\.url` is "ftp:\/\/127\.0\.0\.1\/"; allowed an absolute http:\/\/ or https:\/\//,
  );
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('refused')),
    [],
    'no store was opened',
  );
});

test('a scenario file holds the mix and its headers; --allow-remote adds to its allowed hosts', async (t) => {
  const server = await startLoopbackServer((_req, res) => res.end('ok'));
  t.after(() => server.close());
  const file = join(dir, 'mix.json');
  const requests = [
    { url: `${server.base}/a`, weight: 3, headers: { Authorization: 'Bearer t' } },
    { url: `${server.base}/b`, method: 'DELETE' },
    { url: 'http://example.invalid/never', weight: 0.001 },
  ];
  writeFileSync(
    file,
    JSON.stringify({
      target: { kind: 'url', requests },
      load: { model: 'closed', end: { kind: 'requests', count: 1 } },
    }),
  );
  const refused = await runCli(['run', '--scenario', file, '--db', join(dir, 'never.db')]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /"example\.invalid" is not a loopback host/);
  // Allowed, the remote request exists in the mix; this seed's one request goes to /a (weight 3 of 4.001).
  const r = await interleave([
    'run',
    '--scenario',
    file,
    '--allow-remote',
    'example.invalid',
    '--db',
    join(dir, 'mix.db'),
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ {2}target {4}GET http:\/\/127\.0\.0\.1:\d+\/a \(75%\)$/m);
  assert.match(r.stdout, /^ {2}target {4}GET http:\/\/example\.invalid\/never \(0%\)$/m);
  assert.deepEqual(
    server.received.map((q) => [q.path, q.headers.authorization]),
    [['/a', 'Bearer t']],
  );
});

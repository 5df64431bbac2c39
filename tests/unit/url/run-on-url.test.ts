/**
 * A URL run against real HTTP servers on loopback, started by each test and closed in t.after:
 * latency from the intended send, statuses and errors, what reaches the server (method, headers,
 * body), the seeded weighted mix, redirects left unfollowed, and remote hosts refused before any
 * request leaves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startOnUrl } from '../../../main/url/index.ts';
import { seededRandom, weightedPicker } from '../../../main/engine/loadgen/random.ts';
import type { ScenarioInput } from '../../../shared/scenario.ts';
import { runAndCollect } from '../engine/run-and-collect.ts';
import { startLoopbackServer, startProbedServer, type Received } from './loopback-server.ts';

type UrlTargetInput = Extract<ScenarioInput['target'], { kind: 'url' }>;

/** A URL scenario: `server` and `endpoints` are required by the schema and describe nothing here. */
function urlScenario(target: Omit<UrlTargetInput, 'kind'>, load: ScenarioInput['load'], seed = 1): ScenarioInput {
  return {
    target: { kind: 'url', ...target },
    server: { model: 'async' },
    endpoints: [{ name: 'unused', view: 'async', steps: [] }],
    load,
    seed,
  };
}

const onUrl = (input: ScenarioInput) => runAndCollect(input, undefined, { runner: startOnUrl });

/** Answer after at least `ms` (a timer may fire a little early; re-arm until it is late enough). */
function after(ms: number, then: () => void): void {
  const from = performance.now();
  const check = () => (performance.now() - from >= ms ? then() : setTimeout(check, 1));
  setTimeout(check, ms);
}

test('a server that sleeps 50 ms: every record, latency ≥ 50 ms from the intended send, 500s are errors (with the reason its Server-Timing gives)', async (t) => {
  // Every fourth request (by the id the load generator sends) fails with a 500.
  const server = await startLoopbackServer((req, res) =>
    after(50, () => {
      const id = Number(req.headers['x-interleave-req']);
      const failing = id % 4 === 3;
      // Half the failures say why in the probe's metric, as Interleave's middleware would.
      const timing = id % 8 === 7 ? { 'server-timing': 'view;dur=1, interleave-error;desc="ValueError: bad"' } : {};
      res.writeHead(failing ? 500 : 200, { 'content-type': 'text/plain', ...timing });
      res.end(failing ? 'boom' : 'ok');
    }),
  );
  t.after(() => server.close());
  const c = await onUrl(
    urlScenario(
      { requests: [{ url: `${server.base}/slow` }] },
      { model: 'closed', concurrency: 5, end: { kind: 'requests', count: 20 } },
    ),
  );
  assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
  assert.equal(c.requests.length, 20);
  assert.equal(server.received.length, 20, 'no warm-up: the server gets exactly the measured requests');
  assert.deepEqual(
    c.requests.map((r) => r.id).sort((a, b) => a - b),
    Array.from({ length: 20 }, (_, i) => i),
  );
  for (const r of c.requests) {
    assert.ok(
      r.received !== null && r.received - r.intended >= 50_000,
      `request ${r.id}: ${r.received} - ${r.intended}`,
    );
    assert.equal(r.status, r.id % 4 === 3 ? 500 : 200);
    assert.equal(r.error, r.id % 8 === 7 ? 'HTTP 500: ValueError: bad' : r.id % 4 === 3 ? 'HTTP 500: boom' : null);
    assert.equal(r.accepted, null, 'no server side stamps: the server is not ours');
  }
  assert.equal(c.outcome.summary.requests, 20);
  assert.equal(c.outcome.summary.errors, 5);
  assert.ok(c.outcome.summary.p50Ms >= 50, `p50 ${c.outcome.summary.p50Ms}`);
  assert.ok(c.batches >= 1);
  assert.ok(
    c.lanes.every((l) => l.kind === 'client'),
    'no server threads: only client connections',
  );
});

test('method, headers and body reach the server as given; the request id rides along', async (t) => {
  const server = await startLoopbackServer((_req, res) => res.end('ok'));
  t.after(() => server.close());
  const body = JSON.stringify({ item: 'café', qty: 2 });
  const c = await onUrl(
    urlScenario(
      {
        requests: [
          {
            method: 'PUT',
            url: `${server.base}/api/items/7?dry=1#ignored`,
            headers: { 'Content-Type': 'application/json', 'X-Token': 'abc 123' },
            body,
          },
        ],
      },
      { model: 'closed', concurrency: 1, end: { kind: 'requests', count: 3 } },
    ),
  );
  assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
  assert.equal(server.received.length, 3);
  server.received.forEach((r: Received, i) => {
    assert.equal(r.method, 'PUT');
    assert.equal(r.path, '/api/items/7?dry=1', 'the fragment is never sent');
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.headers['x-token'], 'abc 123');
    assert.equal(r.headers['content-length'], String(Buffer.byteLength(body)));
    assert.equal(r.body, body);
    assert.equal(r.headers['x-interleave-req'], String(i));
  });
});

test('the weighted mix: seeded picks, each request to its own URL (two origins), the same for the same seed', async (t) => {
  const a = await startLoopbackServer((_req, res) => res.end('a'));
  const b = await startLoopbackServer((_req, res) => res.end('b'));
  t.after(() => Promise.all([a.close(), b.close()]));
  const seed = 7;
  const count = 200;
  const input = urlScenario(
    {
      requests: [
        { url: `${a.base}/three`, weight: 3 },
        { method: 'POST', url: `${b.base}/one`, weight: 1, body: 'x' },
      ],
    },
    { model: 'closed', concurrency: 4, end: { kind: 'requests', count } },
    seed,
  );
  const c = await onUrl(input);
  assert.equal(c.outcome.summary.errors, 0, c.requests.find((r) => r.error)?.error ?? '');
  // Request i takes the i-th pick of the seeded picker (ids are claimed in order, picked at once).
  const pick = weightedPicker([3, 1], seededRandom(seed));
  const expected = Array.from({ length: count }, () => pick());
  const byId = [...c.requests].sort((x, y) => x.id - y.id).map((r) => r.endpoint);
  assert.deepEqual(byId, expected, `seed ${seed}`);
  // 3:1 of 200 is 150:50; the binomial's standard deviation is √(200·¾·¼) ≈ 6.1, so ±30 is ~5σ.
  const toA = expected.filter((e) => e === 0).length;
  assert.ok(toA >= 120 && toA <= 180, `seed ${seed}: ${toA} of ${count} to the weight-3 URL`);
  assert.equal(a.received.length, toA);
  assert.equal(b.received.length, count - toA);
  assert.ok(a.received.every((r) => r.method === 'GET' && r.path === '/three'));
  assert.ok(b.received.every((r) => r.method === 'POST' && r.path === '/one' && r.body === 'x'));
  const again = await onUrl(input);
  assert.deepEqual(
    [...again.requests].sort((x, y) => x.id - y.id).map((r) => r.endpoint),
    expected,
    `seed ${seed}, second run`,
  );
});

test('a redirect to another host is not followed: the 3xx is the response', async (t) => {
  const elsewhere = await startLoopbackServer((_req, res) => res.end('should not be reached'), '127.0.0.2');
  const server = await startLoopbackServer((_req, res) => {
    res.writeHead(302, { location: `${elsewhere.base}/landing` });
    res.end();
  });
  t.after(() => Promise.all([server.close(), elsewhere.close()]));
  const c = await onUrl(
    urlScenario(
      { requests: [{ url: `${server.base}/moved` }] },
      { model: 'closed', concurrency: 2, end: { kind: 'requests', count: 4 } },
    ),
  );
  assert.equal(server.received.length, 4);
  assert.equal(elsewhere.received.length, 0);
  assert.deepEqual(
    c.requests.map((r) => [r.status, r.error]),
    Array.from({ length: 4 }, () => [302, null]),
  );
  assert.equal(c.outcome.summary.errors, 0);
});

test('a host that is not loopback nor allowed is refused before a thread, a lookup or a request', async () => {
  const scenario = urlScenario(
    { requests: [{ url: 'http://127.0.0.1:9/ok' }, { url: 'http://example.invalid/api' }] },
    { model: 'closed', concurrency: 1, end: { kind: 'requests', count: 1 } },
  );
  await assert.rejects(onUrl(scenario), {
    message:
      '"example.invalid" is not a loopback host (127.0.0.0/8, ::1, localhost): Interleave sends load only to this machine unless you name the host. Allow it with --allow-remote example.invalid on the command line, or "allowRemote": ["example.invalid"] in the scenario\'s target.',
  });
});

test('servers with the probe: their threads become lanes, each on its own clock, spans inside their requests', async (t) => {
  // Two probed servers whose clocks are far from ours, in opposite directions, and a plain one.
  const asgi = await startProbedServer(123_456.789, 'asgi', 4242);
  const wsgi = await startProbedServer(-98_765.432, 'wsgi', 5151);
  const plain = await startLoopbackServer((_req, res) => after(20, () => res.end('plain')));
  t.after(() => Promise.all([asgi.close(), wsgi.close(), plain.close()]));
  const c = await onUrl(
    urlScenario(
      { requests: [{ url: `${asgi.base}/a` }, { url: `${wsgi.base}/w` }, { url: `${plain.base}/p` }] },
      { model: 'closed', concurrency: 3, end: { kind: 'requests', count: 30 } },
    ),
  );
  assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
  assert.equal(c.requests.length, 30);
  const laneOf = (name: string) => c.lanes.find((l) => l.name === name);
  assert.equal(laneOf('event loop (pid 4242)')?.kind, 'loop', c.lanes.map((l) => l.name).join(', '));
  assert.equal(laneOf('ThreadPoolExecutor-0_0 (pid 4242)')?.kind, 'executor');
  assert.equal(laneOf('worker 1 (pid 5151)')?.kind, 'worker');
  assert.deepEqual(
    c.lanes.map((l) => l.id),
    c.lanes.map((_, i) => i),
    'lane ids dense and unique, clients and threads alike',
  );
  // The offset is fixed from the first stamped batch, so a stamp may sit outside its request by
  // as much as the offset's reported error, and no more.
  const slack = c.outcome.clockSkewMs * 1000 + 1;
  assert.ok(Number.isFinite(slack), `clock error ${c.outcome.clockSkewMs} ms`);
  for (const r of c.requests) {
    if (r.endpoint === 2) {
      assert.equal(r.accepted, null, `request ${r.id}: the plain server stamps nothing`);
      continue;
    }
    // Placed on our clock, the server's stamps fall inside the request as the client saw it.
    assert.ok(r.accepted !== null && r.responded !== null, `request ${r.id} was stamped`);
    const at = `request ${r.id}, clock error ${c.outcome.clockSkewMs} ms: ${JSON.stringify(r)}`;
    assert.ok(r.requestStart! - slack <= r.accepted && r.accepted <= r.responded, at);
    assert.ok(r.responded <= r.firstByte! + slack, at);
    const spans = c.spans.filter((s) => s.req === r.id);
    assert.equal(spans.length, 1, `request ${r.id}: one span`);
    assert.equal(
      spans[0].lane,
      laneOf(r.endpoint === 0 ? 'ThreadPoolExecutor-0_0 (pid 4242)' : 'worker 1 (pid 5151)')!.id,
    );
    assert.ok(r.accepted <= spans[0].start && spans[0].end <= r.responded, `request ${r.id}'s span inside it`);
  }
  assert.equal(c.spans.length, c.requests.filter((r) => r.endpoint !== 2).length);
  // The bound is one request's overhead (sub-millisecond when idle), nowhere near the clocks' 123 s.
  assert.ok(c.outcome.clockSkewMs < 1_000, `clock error ${c.outcome.clockSkewMs} ms`);
});

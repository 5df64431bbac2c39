// The client's phases, measured by the real load-generator thread against a loopback server
// that holds each response's headers 50 ms and then its body 30 ms more. When the warm-up path
// closes its connection the first measured request has to connect anew and the second reuses
// it; when it keeps it open, no measured request connects (the warm-up's connecting is its own).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientPhases } from '../../../../shared/client-phases.ts';
import { MAX_KEPT_METRICS } from '../../../../shared/server-timing-kept.ts';
import { driveLoadgen } from './drive-loadgen.ts';

const HEADERS_AFTER_MS = 50;
/** The rest of a load the schema would fill in (the open model's fields unused). */
const CLOSED_DEFAULTS = { thinkMs: 0, rateRps: 1, arrival: 'constant', maxInFlight: 1 } as const;
const BODY_AFTER_MS = 30;

/** Waits at least `ms` on performance.now()'s clock (a timer alone may fire a little early). */
async function atLeast(ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) await new Promise((r) => setTimeout(r, Math.max(1, until - performance.now())));
}

/** Request 1's header: more metrics than a request keeps, one with an overlong name. */
const crowded = [
  `${'n'.repeat(100)};dur=1`,
  ...Array.from({ length: MAX_KEPT_METRICS + 3 }, (_, i) => `m${i};dur=${i}`),
].join(', ');

async function answer(req: IncomingMessage, res: ServerResponse, closeWarmUp: boolean): Promise<void> {
  if (req.url === '/__warm-up') {
    res.writeHead(200, { ...(closeWarmUp ? { connection: 'close' } : {}), 'content-length': 2 }).end('ok');
    return;
  }
  const id = req.headers['x-interleave-req'];
  await atLeast(HEADERS_AFTER_MS);
  res.writeHead(200, {
    'content-length': 4,
    'server-timing':
      id === '0' ? 'db;dur=53;desc="orders", interleave-span;dur=1;desc="await 1 2 3 1 x", cache;desc=hit' : crowded,
  });
  res.flushHeaders();
  await atLeast(BODY_AFTER_MS);
  res.end('body');
}

async function serve(t: { after(fn: () => unknown): void }, closeWarmUp: boolean): Promise<string> {
  const server = createServer((req, res) => void answer(req, res, closeWarmUp));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  server.on('connection', (socket) => t.after(() => socket.destroy()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const TWO_REQUESTS = {
  ...CLOSED_DEFAULTS,
  model: 'closed',
  concurrency: 1,
  timeoutMs: 5_000,
  end: { kind: 'requests', count: 2 },
} as const;

test('client phases: a new connection, then a reused one; waiting and body at least as long as the server held them', async (t) => {
  const { requests } = await driveLoadgen(await serve(t, true), TWO_REQUESTS, { captureServerTiming: true });
  requests.sort((a, b) => a.id - b.id);
  assert.deepEqual(
    requests.map((r) => [r.id, r.status, r.error]),
    [
      [0, 200, null],
      [1, 200, null],
    ],
  );
  const [first, second] = requests;

  // Order of the instants, then the phases' lower bounds (µs).
  for (const r of requests) {
    const at = [r.intended, r.sent, r.connectStart ?? r.sent, r.connectEnd ?? r.sent, r.requestStart, r.requestEnd];
    at.push(r.firstByte, r.received ?? NaN);
    for (let i = 1; i < at.length; i++)
      assert.ok(at[i - 1]! <= at[i]!, `request ${r.id}: instant ${i} ${at.join(' ')}`);
    const phases = Object.fromEntries(clientPhases(r).map((p) => [p.id, p.end - p.start]));
    // The server's hold starts once it has the request, which can be before the client's thread
    // stamps "written" (the other thread reads it at once): the bound holds from writing's start.
    assert.ok(
      phases.send + phases.wait >= HEADERS_AFTER_MS * 1000,
      `request ${r.id}: sending and waiting ${phases.send + phases.wait} µs`,
    );
    // Headers and body together took the server both holds. The body alone has no lower bound a
    // busy machine respects: a client thread that reads late finds headers and body together.
    assert.ok(
      phases.send + phases.wait + phases.receive >= (HEADERS_AFTER_MS + BODY_AFTER_MS) * 1000,
      `request ${r.id}: from writing to the last byte ${phases.send + phases.wait + phases.receive} µs`,
    );
    assert.ok(phases.wait > 0 && phases.receive >= 0 && phases.send >= 0 && phases.blocked >= 0);
    assert.equal(r.tlsEnd, undefined, 'plain http has no TLS phase');
  }
  // The warm-up's connection was closed: the first request connected; the second reused it.
  assert.ok(first.connectStart !== undefined && first.connectEnd !== undefined, 'first request connected');
  assert.ok(first.connectEnd >= first.connectStart);
  assert.deepEqual(
    clientPhases(first).map((p) => p.id),
    ['blocked', 'connect', 'send', 'wait', 'receive'],
  );
  assert.equal(second.connectStart, undefined, 'keep-alive: no connecting');
  assert.deepEqual(
    clientPhases(second).map((p) => p.id),
    ['blocked', 'send', 'wait', 'receive'],
  );
  const latency = second.received! - second.intended;
  const sum = clientPhases(second).reduce((s, p) => s + p.end - p.start, 0);
  assert.ok(Math.abs(sum - latency) < 1e-6, `phases add up to the latency (${sum} against ${latency})`);

  // Server-Timing: the ordinary metrics kept in header order, the probe's left out.
  assert.deepEqual(first.serverTiming, [
    { name: 'db', dur: 53, desc: 'orders' },
    { name: 'cache', dur: null, desc: 'hit' },
  ]);
  assert.equal(first.serverTimingDropped, undefined);
  assert.equal(second.serverTiming?.length, MAX_KEPT_METRICS);
  assert.equal(second.serverTiming?.[0].name, `${'n'.repeat(63)}…`);
  assert.equal(second.serverTimingDropped, 4);
});

test("a connection the warm-up opened and kept is no measured request's connecting", async (t) => {
  const { requests } = await driveLoadgen(await serve(t, false), TWO_REQUESTS);
  assert.deepEqual(
    requests.map((r) => [r.status, r.connectStart, clientPhases(r)[0].id, clientPhases(r)[1].id]),
    [
      [200, undefined, 'blocked', 'send'],
      [200, undefined, 'blocked', 'send'],
    ],
  );
});

// The browser-mode host on real sockets on 127.0.0.1: the page's own transport and client end to
// end, and every kind of stranger refused before a WebSocket exists.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { RunEvent } from '../../../shared/bridge.ts';
import { createBridgeClient } from '../../../shared/bridge-client.ts';
import { BRIDGE_PROTOCOL } from '../../../shared/transports/websocket-protocol.ts';
import { startBrowserHost, type BrowserHost } from '../../../main/host/browser-host.ts';
import { CONTENT_SECURITY_POLICY } from '../../../main/platform/content-security-policy.ts';
import { connectWebSocketTransport, type WebSocketLike } from '../../../renderer/src/bridge/websocket-transport.ts';
import { createFixtureApp, FIXTURE_SCENARIO } from '../shared/bridge-fixture.ts';

const root = mkdtempSync(join(tmpdir(), 'interleave-host-'));
const staticDir = join(root, 'renderer');
mkdirSync(join(staticDir, 'assets'), { recursive: true });
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Interleave</title>');
writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET');

const app = createFixtureApp();
const host: BrowserHost = await startBrowserHost({ app, staticDir });
const origin = `http://127.0.0.1:${host.port}`;
after(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

/** The page's transport, with `ws` standing in for the browser's WebSocket (which sends Origin). */
function pageTransport(token = host.token, pageOrigin = origin) {
  const factory = (url: string, protocols: string[]) =>
    new WebSocket(url, protocols, { origin: pageOrigin }) as unknown as WebSocketLike;
  return connectWebSocketTransport(`ws://127.0.0.1:${host.port}/bridge`, token, factory);
}

interface UpgradeAttempt {
  host?: string;
  origin?: string;
  protocols?: string;
  path?: string;
}

/** A raw upgrade request with exactly these headers; resolves with the status the host answered. */
function attemptUpgrade(attempt: UpgradeAttempt): Promise<number> {
  const headers: Record<string, string> = {
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    Host: attempt.host ?? `127.0.0.1:${host.port}`,
  };
  if (attempt.origin !== undefined) headers.Origin = attempt.origin;
  if (attempt.protocols !== undefined) headers['Sec-WebSocket-Protocol'] = attempt.protocols;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: attempt.path ?? '/bridge', headers });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A raw GET with an exact path (not normalised) and Host header. */
function get(path: string, hostHeader = `127.0.0.1:${host.port}`) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { Host: hostHeader } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const validProtocols = () => `${BRIDGE_PROTOCOL}, interleave.${host.token}`;

test('listens on 127.0.0.1 only and prints a URL with the token in the fragment', () => {
  assert.equal(host.address.address, '127.0.0.1');
  assert.equal(host.address.family, 'IPv4');
  assert.equal(host.url, `http://127.0.0.1:${host.port}/#token=${host.token}`);
  assert.match(host.token, /^[A-Za-z0-9_-]{43}$/);
});

test('the page transport calls the API and receives events end to end', async () => {
  const transport = pageTransport();
  const client = createBridgeClient(transport);
  assert.equal((await client.hostInfo()).mode, 'browser');
  assert.equal(transport.state().status, 'open');
  const events: RunEvent[] = [];
  const gotEvent = new Promise<void>((resolve) =>
    client.on('run', (event) => {
      events.push(event);
      resolve();
    }),
  );
  const info = await client.startRun(FIXTURE_SCENARIO, 'over the wire');
  await gotEvent;
  assert.deepEqual(
    events.map((e) => [e.type, e.runId]),
    [['started', info.id]],
  );
  await assert.rejects(client.stopRun(999), /Run 999 does not exist/);
  transport.close();
});

test('an oversized request fails alone, before sending, and the connection stays', async () => {
  const factory = (url: string, protocols: string[]) =>
    new WebSocket(url, protocols, { origin }) as unknown as WebSocketLike;
  const transport = connectWebSocketTransport(`ws://127.0.0.1:${host.port}/bridge`, host.token, factory, 4096);
  const client = createBridgeClient(transport);
  const before = app.calls.length;
  await assert.rejects(
    client.importRun('é'.repeat(4000)),
    /This request is 0\.0 MB; the browser-mode bridge carries at most 0\.0 MB/,
  );
  assert.equal(app.calls.length, before);
  assert.equal((await client.hostInfo()).mode, 'browser');
  assert.equal(transport.state().status, 'open');
  transport.close();
});

test('an accepted upgrade selects the bridge protocol, never echoing the token', async () => {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/bridge`, [BRIDGE_PROTOCOL, `interleave.${host.token}`], {
    origin,
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  assert.equal(socket.protocol, BRIDGE_PROTOCOL);
  socket.close();
});

test('a valid raw upgrade is accepted (the control for the refusals below)', async () => {
  assert.equal(await attemptUpgrade({ origin, protocols: validProtocols() }), 101);
  assert.equal(
    await attemptUpgrade({
      origin: `http://localhost:${host.port}`,
      host: `localhost:${host.port}`,
      protocols: validProtocols(),
    }),
    101,
  );
});

test('a missing or wrong token is refused with 403', async () => {
  assert.equal(await attemptUpgrade({ origin }), 403);
  assert.equal(await attemptUpgrade({ origin, protocols: BRIDGE_PROTOCOL }), 403);
  assert.equal(await attemptUpgrade({ origin, protocols: `${BRIDGE_PROTOCOL}, interleave.${'A'.repeat(43)}` }), 403);
  assert.equal(await attemptUpgrade({ origin, protocols: `${BRIDGE_PROTOCOL}, interleave.${host.token}x` }), 403);
});

test('a foreign or missing Origin is refused with 403', async () => {
  for (const foreign of [
    'http://evil.example',
    `http://evil.example:${host.port}`,
    `https://127.0.0.1:${host.port}`,
    'null',
  ]) {
    assert.equal(await attemptUpgrade({ origin: foreign, protocols: validProtocols() }), 403, foreign);
  }
  assert.equal(await attemptUpgrade({ protocols: validProtocols() }), 403);
});

test('a rebinding Host header is refused, for the socket and for files', async () => {
  for (const rebound of [`evil.example:${host.port}`, '127.0.0.1', `127.0.0.1:${host.port + 1}`]) {
    assert.equal(await attemptUpgrade({ host: rebound, origin, protocols: validProtocols() }), 403, rebound);
    assert.equal((await get('/', rebound)).status, 403, rebound);
  }
});

test('the page transport reports a refused connection as a closed state with a reason', async () => {
  const transport = pageTransport('wrong-token');
  const client = createBridgeClient(transport);
  await assert.rejects(client.hostInfo(), /Could not connect to the Interleave host/);
  const state = transport.state();
  assert.equal(state.status, 'closed');
});

test('only the bridge path upgrades', async () => {
  assert.equal(await attemptUpgrade({ origin, protocols: validProtocols(), path: '/' }), 404);
});

test('files are served with the CSP and nosniff', async () => {
  const page = await get('/');
  assert.equal(page.status, 200);
  assert.match(page.body, /<title>Interleave/);
  assert.equal(page.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  const script = await get('/assets/app.js?v=1');
  assert.equal(script.status, 200);
  assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal((await get('/missing.js')).status, 404);
});

test('paths that climb out of the renderer folder are refused', async () => {
  for (const path of [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/%00/../secret.txt',
    '/%E0%A4%A',
  ]) {
    const response = await get(path);
    assert.ok(response.status === 400 || response.status === 404, `${path} → ${response.status}`);
    assert.doesNotMatch(response.body, /TOP-SECRET/);
  }
});

test('closing the host closes connected pages with a clear reason', async () => {
  const app2 = createFixtureApp();
  const host2 = await startBrowserHost({ app: app2, staticDir });
  const transport = connectWebSocketTransport(
    `ws://127.0.0.1:${host2.port}/bridge`,
    host2.token,
    (url, protocols) =>
      new WebSocket(url, protocols, { origin: `http://127.0.0.1:${host2.port}` }) as unknown as WebSocketLike,
  );
  const client = createBridgeClient(transport);
  await client.hostInfo();
  assert.equal(app2.listenerCount('run'), 1);
  const closed = new Promise<string>((resolve) => transport.onClose(resolve));
  await host2.close();
  assert.match(await closed, /Lost the connection to the Interleave host/);
  await assert.rejects(client.listRuns(), /Lost the connection/);
  assert.equal(app2.listenerCount('run'), 0);
});

test('a busy requested port falls back to a free one and says so', async () => {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const busy = (blocker.address() as { port: number }).port;
  const fallback = await startBrowserHost({ app: createFixtureApp(), staticDir, port: busy });
  try {
    assert.notEqual(fallback.port, busy);
    assert.equal(fallback.note, `Port ${busy} is busy; using ${fallback.port} instead.`);
  } finally {
    await fallback.close();
    blocker.close();
  }
});

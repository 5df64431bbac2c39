// Refusals of the browser-mode host that browser-host.test.ts does not reach: a raw frame over
// the size limit from a client that skips the page's own check, frames that are not bridge
// messages, methods other than GET and HEAD, and dot-files beside the renderer. Each is refused
// and the host goes on serving everyone else.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startBrowserHost } from '../../../main/host/browser-host.ts';
import { BRIDGE_PROTOCOL, MAX_MESSAGE_BYTES } from '../../../shared/transports/websocket-protocol.ts';
import { createFixtureApp } from '../shared/bridge-fixture.ts';

const root = mkdtempSync(join(tmpdir(), 'interleave-host-refusals-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Interleave</title>');
writeFileSync(join(root, '.env'), 'SECRET=1');
writeFileSync(join(root, 'assets', '.hidden.js'), 'SECRET');
const app = createFixtureApp();
const host = await startBrowserHost({ app, staticDir: root });
const origin = `http://127.0.0.1:${host.port}`;
after(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

/** A raw `ws` client that passes the upgrade checks but not the page's size check. */
async function rawSocket(): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/bridge`, [BRIDGE_PROTOCOL, `interleave.${host.token}`], {
    origin,
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return socket;
}

/** Sends one call frame and resolves with the result frame for it. */
function call(socket: WebSocket, id: number, method: string, args: unknown[] = []): Promise<{ ok: boolean }> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(String(data)) as { kind: string; id: number; ok: boolean };
      if (message.kind === 'result' && message.id === id) {
        socket.off('message', onMessage);
        resolve(message);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ kind: 'call', id, method, args }));
  });
}

function send(method: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a frame over the size limit closes that socket only (1009), before the API sees it', async () => {
  const bystander = await rawSocket();
  const offender = await rawSocket();
  const calls = app.calls.length;
  const closed = new Promise<number>((resolve) => offender.once('close', resolve));
  offender.send(JSON.stringify({ kind: 'call', id: 1, method: 'importRun', args: ['x'.repeat(MAX_MESSAGE_BYTES)] }));
  assert.equal(await closed, 1009, 'closed as "message too big"');
  assert.equal(app.calls.length, calls, 'the API never saw it');
  assert.equal((await call(bystander, 2, 'hostInfo')).ok, true, 'the other page is still served');
  bystander.close();
});

test('frames that are not bridge calls are dropped; the socket stays and answers the next call', async () => {
  const socket = await rawSocket();
  const calls = app.calls.length;
  for (const frame of [
    'not json',
    '42',
    'null',
    '[]',
    '{"kind":"result","id":1,"ok":true,"value":1}',
    '{"kind":"call"}',
  ]) {
    socket.send(frame);
  }
  socket.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true });
  socket.send(JSON.stringify({ kind: 'call', id: 1.5, method: 'hostInfo', args: [] }));
  assert.equal((await call(socket, 7, 'hostInfo')).ok, true);
  assert.equal(app.calls.length, calls + 1, 'only the well-formed call reached the API');
  socket.close();
});

test('methods other than GET and HEAD are refused with 405', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    const response = await send(method, '/index.html');
    assert.equal(response.status, 405, method);
  }
  assert.equal((await send('HEAD', '/index.html')).status, 200);
});

test('dot-files inside the renderer folder are never served', async () => {
  for (const path of ['/.env', '/assets/.hidden.js', '/%2eenv', '/assets/%2Ehidden.js']) {
    const response = await send('GET', path);
    assert.equal(response.status, 400, path);
    assert.doesNotMatch(response.body, /SECRET/, path);
  }
});

// The load generator's connector stamps a new connection's TCP and TLS instants, in order, on a
// real https server on loopback (a throwaway self-signed certificate made by openssl here), and
// stamps nothing for requests that reuse the connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'undici';
import { timedConnector, type ConnectTimes } from '../../../../main/engine/loadgen/timed-connect.ts';

const now = () => performance.now() * 1000;

function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'].concat([
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]),
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function listen(server: Server, t: { after(fn: () => unknown): void }): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.on('connection', (socket) => t.after(() => socket.destroy()));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as AddressInfo).port;
}

async function twoRequests(url: string, connect: ReturnType<typeof timedConnector>): Promise<void> {
  const client = new Client(url, { connect });
  try {
    for (let i = 0; i < 2; i++) {
      const res = await client.request({ path: '/', method: 'GET' });
      assert.equal(await res.body.text(), 'ok');
    }
  } finally {
    await client.close();
  }
}

test('https: connecting, then TCP up, then TLS done; the second request reuses the connection', async (t) => {
  const { key, cert } = selfSigned();
  const port = await listen(
    createHttpsServer({ key, cert }, (_, res) => res.end('ok')),
    t,
  );
  const seen: ConnectTimes[] = [];
  await twoRequests(
    `https://127.0.0.1:${port}`,
    timedConnector(now, (times) => seen.push(times), { ca: cert }),
  );
  assert.equal(seen.length, 1, 'one connection for two requests');
  const [{ start, tcp, tls }] = seen;
  assert.ok(tcp !== undefined && tls !== undefined, JSON.stringify(seen));
  assert.ok(start <= tcp && tcp < tls, `${start} ≤ ${tcp} < ${tls}`);
});

test('http: connecting, then TCP up, and no TLS instant', async (t) => {
  const port = await listen(
    createHttpServer((_, res) => res.end('ok')),
    t,
  );
  const seen: ConnectTimes[] = [];
  await twoRequests(
    `http://127.0.0.1:${port}`,
    timedConnector(now, (times) => seen.push(times)),
  );
  assert.equal(seen.length, 1);
  assert.ok(seen[0].tcp !== undefined && seen[0].tcp >= seen[0].start);
  assert.equal(seen[0].tls, undefined);
});

test('a refused connection keeps its start and reaches no later instant', async () => {
  // A port that was just free: bound, then closed, so the kernel refuses it.
  const probe = createHttpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  const seen: ConnectTimes[] = [];
  const client = new Client(`http://127.0.0.1:${port}`, { connect: timedConnector(now, (x) => seen.push(x)) });
  try {
    await assert.rejects(client.request({ path: '/', method: 'GET' }), /ECONNREFUSED/);
  } finally {
    await client.destroy();
  }
  assert.equal(seen.length, 1);
  assert.deepEqual(Object.keys(seen[0]), ['start']);
});

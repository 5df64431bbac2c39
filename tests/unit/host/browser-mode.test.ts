// Browser mode as `npm start` runs it, in a real child process: it prints the URL, serves the
// bridge, and on SIGINT/SIGTERM closes the host and then the app before exiting 0.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createBridgeClient } from '../../../shared/bridge-client.ts';
import { connectWebSocketTransport, type WebSocketLike } from '../../../renderer/src/bridge/websocket-transport.ts';

const root = mkdtempSync(join(tmpdir(), 'interleave-browser-mode-'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Interleave</title>');
after(() => rmSync(root, { recursive: true, force: true }));

function launch(args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/unit/host/browser-mode-child.ts', ...args], {
    env: { ...process.env, INTERLEAVE_DATA_DIR: join(root, 'data'), TEST_STATIC_DIR: root },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<URL>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /browser mode: no Electron binary found\) → (\S+)/.exec(output);
      if (match) resolve(new URL(match[1]));
    });
    void exited.then(() => reject(new Error(`exited before printing a URL:\n${output}`)));
  });
  // Tests that expect an early exit never await the URL.
  url.catch(() => {});
  return { child, url, exited, output: () => output };
}

async function connect(url: URL) {
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const transport = connectWebSocketTransport(
    `ws://${url.host}/bridge`,
    token,
    (u, protocols) => new WebSocket(u, protocols, { origin: url.origin }) as unknown as WebSocketLike,
  );
  return { transport, client: createBridgeClient(transport) };
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} closes the host and the app and exits 0`, async () => {
    const run = launch();
    const url = await run.url;
    assert.equal(url.hostname, '127.0.0.1');
    const { transport, client } = await connect(url);
    assert.equal((await client.hostInfo()).mode, 'browser');
    const closed = new Promise<string>((resolve) => transport.onClose(resolve));
    run.child.kill(signal);
    assert.equal(await run.exited, 0, run.output());
    assert.match(await closed, /Lost the connection/);
    const output = run.output();
    assert.match(output, new RegExp(`${signal}: stopping Interleave`));
    assert.ok(output.includes(`app closed (data: ${join(root, 'data')})`), output);
  });
}

test('a bad --port is refused with a sentence and exit code 1', async () => {
  const run = launch(['--port', 'eighty']);
  assert.equal(await run.exited, 1);
  assert.match(run.output(), /--port is eighty; allowed 0\.\.65535/);
});

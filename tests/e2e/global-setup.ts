/**
 * Starts the browser-mode host as a user would (`node out/main/browser-main.js`), on a free port
 * and a temporary data folder, and reads the page URL it prints (`… → http://127.0.0.1:PORT/#token=…`).
 * The URL reaches the tests through INTERLEAVE_E2E_URL; the returned teardown stops the host with
 * SIGTERM (it closes the app cleanly) and removes the folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOST_ENTRY = 'out/main/browser-main.js';
const STARTUP_TIMEOUT_MS = 30_000;

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(HOST_ENTRY) || !existsSync('out/renderer/index.html')) {
    throw new Error(
      `${HOST_ENTRY} or the built UI is missing: run \`node scripts/build.js\` first (\`npm run test:e2e\` does).`,
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'interleave-e2e-'));
  const host = spawn(process.execPath, [HOST_ENTRY, '--port', '0'], {
    env: { ...process.env, INTERLEAVE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the host printed no URL within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)),
      STARTUP_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /→ (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    host.stdout.on('data', onData);
    host.stderr.on('data', onData);
    host.on('exit', (code) => reject(new Error(`the host exited (${code}) before printing its URL:\n${output}`)));
  });
  process.env.INTERLEAVE_E2E_URL = url;
  process.env.INTERLEAVE_E2E_DATA_DIR = dataDir;
  return async () => {
    if (host.exitCode === null) {
      const exited = new Promise((resolve) => host.once('exit', resolve));
      host.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (host.exitCode === null) host.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}

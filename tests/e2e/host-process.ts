/**
 * Starts the built browser-mode host as a user would (`node out/main/browser-main.js`), on a free
 * port with a temporary data folder, and reads the page URL it prints
 * (`… → http://127.0.0.1:PORT/#token=…`). `stop` ends it with SIGTERM (it closes the app cleanly),
 * SIGKILL after 10 s, and removes the folder. Used by the global setup, and by a spec that needs a
 * host started with other environment variables.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOST_ENTRY = 'out/main/browser-main.js';
const STARTUP_TIMEOUT_MS = 30_000;

export interface HostProcess {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startHost(extraEnv: NodeJS.ProcessEnv = {}): Promise<HostProcess> {
  if (!existsSync(HOST_ENTRY) || !existsSync('out/renderer/index.html')) {
    throw new Error(
      `${HOST_ENTRY} or the built UI is missing: run \`node scripts/build.js\` first (\`npm run test:e2e\` does).`,
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'interleave-e2e-'));
  const host = spawn(process.execPath, [HOST_ENTRY, '--port', '0'], {
    env: { ...process.env, ...extraEnv, INTERLEAVE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (host.exitCode === null && host.signalCode === null) {
      const exited = new Promise((resolve) => host.once('exit', resolve));
      host.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  let output = '';
  try {
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
    return { url, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The browser-mode entry `npm start` runs when no Electron binary is installed: opens the app on
 * the user-data folder, serves the built UI and the bridge on 127.0.0.1, prints the URL (with its
 * token) and runs until Ctrl-C or SIGTERM, then closes the host and the app (which marks runs in
 * flight as stopped) before exiting.
 *
 *   node --import tsx main/host/browser-main.ts [--port N] [--open]
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openApp } from '../app/app.ts';
import { startBrowserHost } from './browser-host.ts';
import { resolveDataDir } from './data-dir.ts';
import { openInBrowser } from './open-browser.ts';

/** Closing must not hang forever on a stuck run; after this a second chance is the exit code. */
const SHUTDOWN_GRACE_MS = 10_000;

// From source this file is main/host/; bundled it is out/main/. The UI is built to out/renderer.
const staticDir = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? '../../out/renderer/' : '../renderer/', import.meta.url),
);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, open: { type: 'boolean', default: false } },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port is ${values.port}; allowed 0..65535`);
  if (!existsSync(`${staticDir}/index.html`)) {
    throw new Error(`The UI is not built (no ${staticDir}index.html): run \`npm run build\` first.`);
  }

  const dataDir = resolveDataDir();
  const app = await openApp({ dataDir, mode: 'browser' });
  const host = await startBrowserHost({ app, port, staticDir });
  if (host.note) console.log(host.note);
  console.log(`Interleave (browser mode: no Electron binary found) → ${host.url}`);
  console.log(`Data: ${dataDir}. Stop with Ctrl-C.`);
  if (values.open) openInBrowser(host.url, (message) => console.error(message));

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) {
      console.error(`${signal} again: exiting without waiting.`);
      process.exit(1);
    }
    closing = true;
    console.log(`\n${signal}: stopping Interleave…`);
    setTimeout(() => {
      console.error(`Still closing after ${SHUTDOWN_GRACE_MS / 1000} s; exiting.`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    void host
      .close()
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`Error while closing: ${(error as Error).message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

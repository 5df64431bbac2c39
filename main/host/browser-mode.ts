/**
 * Browser mode as a sequence: parse the flags, open the app on the data folder, start the host,
 * print the URL; and, on SIGINT or SIGTERM, close the host and then the app (which stops runs in
 * flight and closes the store) before exiting. `openApp` is passed in so the whole sequence,
 * signals included, runs in tests against a small app in a real child process.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { App, AppOptions } from '../app/app.ts';
import { startBrowserHost } from './browser-host.ts';
import { resolveDataDir } from '../platform/data-dir.ts';
import { openInBrowser } from './open-browser.ts';
import { WARM_THREADS_KEPT } from '../../shared/limits.ts';

/** Closing must not hang forever on a stuck run. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface BrowserModeOptions {
  /** The app's opener (main/app/app.ts; tests pass a small one). */
  openApp(options: AppOptions): Promise<App>;
  /** Command-line flags: `--port N`, `--open`. */
  argv: string[];
  /** The built renderer (out/renderer). */
  staticDir: string;
  print(line: string): void;
  /** Why browser mode, for the first line; "no Electron binary found" unless said otherwise. */
  reason?: string;
}

export interface RunningBrowserMode {
  url: string;
  /** Closes the host, then the app. */
  stop(): Promise<void>;
}

export async function startBrowserMode(options: BrowserModeOptions): Promise<RunningBrowserMode> {
  const { values } = parseArgs({
    args: options.argv,
    options: { port: { type: 'string' }, open: { type: 'boolean', default: false } },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port is ${values.port}; allowed 0..65535`);
  if (!existsSync(join(options.staticDir, 'index.html'))) {
    throw new Error(`The UI is not built (no index.html in ${options.staticDir}): run \`npm run build\` first.`);
  }

  const dataDir = resolveDataDir();
  const app = await options.openApp({ dataDir, mode: 'browser', warmThreads: WARM_THREADS_KEPT });
  const host = await startBrowserHost({ app, port, staticDir: options.staticDir }).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  if (host.note) options.print(host.note);
  options.print(`Interleave (browser mode: ${options.reason ?? 'no Electron binary found'}) → ${host.url}`);
  options.print(`Data: ${dataDir}. Stop with Ctrl-C.`);
  if (values.open) openInBrowser(host.url, options.print);

  return {
    url: host.url,
    stop: () => host.close().then(() => app.close()),
  };
}

/** On the first SIGINT/SIGTERM: stop, then exit 0 (1 if closing failed); a second one exits at once. */
export function stopOnSignals(running: RunningBrowserMode, print: (line: string) => void): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      print(`${signal} again: exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    print(`${signal}: stopping Interleave…`);
    setTimeout(() => {
      print(`Still closing after ${SHUTDOWN_GRACE_MS / 1000} s; exiting.`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        print(`Error while closing: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * The browser-mode entry `npm start` runs when no Electron binary is installed (see
 * browser-mode.ts for the sequence), built to out/main/browser-main.js:
 *
 *   node out/main/browser-main.js [--port N] [--open]
 *
 * (From source, `node --import tsx main/host/browser-main.ts` works too.)
 *
 * `INTERLEAVE_BROWSER_REASON` (set by scripts/start.js for --browser) replaces the default
 * "no Electron binary found" in the first line.
 */
import { fileURLToPath } from 'node:url';
import { openApp } from '../app/app.ts';
import { startBrowserMode, stopOnSignals } from './browser-mode.ts';

// From source this file is main/host/; bundled it is out/main/. The UI is built to out/renderer.
const staticDir = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? '../../out/renderer/' : '../renderer/', import.meta.url),
);

try {
  const running = await startBrowserMode({
    openApp,
    argv: process.argv.slice(2),
    staticDir,
    print: (line) => console.log(line),
    reason: process.env.INTERLEAVE_BROWSER_REASON,
  });
  stopOnSignals(running, (line) => console.log(line));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

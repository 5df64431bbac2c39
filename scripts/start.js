// `npm start`: builds if out/ is missing or older than the sources, then runs Interleave in
// Electron when an Electron binary is installed, else in browser mode (the same UI served on
// 127.0.0.1 to the system browser; the built out/main/browser-main.js, from
// main/host/browser-main.ts). Either way it runs the build, never the sources: nothing at run
// time needs tsx or esbuild.
//
//   npm start [-- --browser] [-- --open] [-- --port N]
//   npm run dev             the same, rebuilding first whatever the timestamps say
//
// --browser forces browser mode; --open and --port are passed to the browser-mode host.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findElectron } from './electron-binary.js';

const { values } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    browser: { type: 'boolean', default: false },
    open: { type: 'boolean', default: false },
    port: { type: 'string' },
  },
  strict: true,
});

const BUILD_STAMP = 'out/build-info.json';
const SOURCES = ['main', 'shared', 'renderer', 'vite.config.ts', 'package.json', 'scripts/build.js'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Runs `command` until it exits, passing on SIGTERM; exits with its code. */
function runUntilExit(command, args, env = process.env) {
  const child = spawn(command, args, { stdio: 'inherit', env });
  // Ctrl-C reaches the child directly (same process group); wait for it to close cleanly.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const stale = !existsSync(BUILD_STAMP) || Math.max(...SOURCES.map(newestMtime)) > statSync(BUILD_STAMP).mtimeMs;
if (values.dev || stale) {
  console.log(values.dev ? 'Building (--dev)…' : existsSync(BUILD_STAMP) ? 'Sources changed: building…' : 'Building…');
  run(process.execPath, ['scripts/build.js']);
}

const electron = values.browser ? undefined : findElectron();
if (electron) {
  // better-sqlite3 must be built for Electron's ABI once (see scripts/build-native-electron.js).
  const abiFile = 'native/electron/abi.json';
  const builtFor = existsSync(abiFile) ? JSON.parse(readFileSync(abiFile, 'utf8')).modules : undefined;
  if (builtFor !== electron.abi) run(process.execPath, ['scripts/build-native-electron.js']);
  console.log(`Starting Interleave in Electron ${electron.version}`);
  const env = { ...process.env };
  // Set in some shells and tools; it would make the binary a plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  runUntilExit(electron.binary, ['.'], env);
} else {
  console.log(
    values.browser
      ? 'Starting Interleave in browser mode (--browser).'
      : 'No Electron binary found (node_modules/electron is absent or has no binary): starting Interleave in browser mode.',
  );
  const args = ['out/main/browser-main.js'];
  if (values.open) args.push('--open');
  if (values.port !== undefined) args.push('--port', values.port);
  runUntilExit(
    process.execPath,
    args,
    values.browser ? { ...process.env, INTERLEAVE_BROWSER_REASON: 'asked for with --browser' } : process.env,
  );
}

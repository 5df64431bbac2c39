// Builds better-sqlite3 for the installed Electron's ABI into native/electron/, leaving
// node_modules/better-sqlite3 (the Node build the tests and the CLI load) untouched.
//
// Why not `electron-builder install-app-deps` or electron-rebuild: they rebuild in place in
// node_modules (so Node then fails to load it), and on this kind of machine npm's `nodedir`
// silently makes them build for Node anyway. Here the module's source is copied to a temp folder
// and compiled there by node-gyp against Electron's headers; main/platform/native-binding.ts then
// hands the result to better-sqlite3's `nativeBinding` option when the running ABI matches.
//
//   node scripts/build-native-electron.js      (npm run build:native-electron)
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findElectron } from './electron-binary.js';

const require = createRequire(import.meta.url);
const OUT_DIR = join('native', 'electron');

/** Environment for node-gyp without npm's settings that would redirect it to Node's headers. */
function cleanEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|build_from_source)$/i.test(key)) delete env[key];
  }
  return env;
}

/**
 * Copies better-sqlite3's source to a temp folder, runs `node-gyp rebuild` there with `gypArgs`,
 * and returns the path of the built .node file (inside the temp folder) and the folder itself.
 */
export function compileBetterSqlite3(gypArgs) {
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const work = mkdtempSync(join(tmpdir(), 'interleave-better-sqlite3-'));
  cpSync(source, work, {
    recursive: true,
    filter: (path) => path !== join(source, 'build') && path !== join(source, 'node_modules'),
  });
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const result = spawnSync(process.execPath, [nodeGyp, 'rebuild', '--release', '--jobs=max', ...gypArgs], {
    cwd: work,
    stdio: 'inherit',
    env: cleanEnv(),
  });
  if (result.status !== 0) throw new Error(`node-gyp failed (exit ${result.status}); the sources are in ${work}`);
  return { file: join(work, 'build', 'Release', 'better_sqlite3.node'), work };
}

function main() {
  const electron = findElectron();
  if (!electron) {
    console.log('build-native-electron: no Electron binary installed; nothing to build (Node keeps its own build).');
    return;
  }
  if (!electron.abi) throw new Error(`Electron ${electron.version} does not record its ABI (no abi_version file)`);
  const started = performance.now();
  console.log(`build-native-electron: better-sqlite3 for Electron ${electron.version} (ABI ${electron.abi})…`);
  const { file, work } = compileBetterSqlite3([
    `--target=${electron.version}`,
    '--dist-url=https://electronjs.org/headers',
    '--runtime=electron',
    `--arch=${process.arch}`,
  ]);
  mkdirSync(OUT_DIR, { recursive: true });
  copyFileSync(file, join(OUT_DIR, 'better_sqlite3.node'));
  const betterSqlite3 = require('better-sqlite3/package.json').version;
  const record = {
    electron: electron.version,
    modules: electron.abi,
    betterSqlite3,
    platform: process.platform,
    arch: process.arch,
  };
  writeFileSync(join(OUT_DIR, 'abi.json'), `${JSON.stringify(record, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`build-native-electron: wrote ${join(OUT_DIR, 'better_sqlite3.node')} in ${seconds} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (error) {
    console.error(`build-native-electron: ${error.message}`);
    process.exit(1);
  }
}

// electron-builder.yml read and validated by electron-builder's own config loader (the same code
// `npm run dist` runs), then checked for what must ship and which fuses must be flipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
const { DebugLogger } = require('builder-util/out/DebugLogger.js');

const config = await getConfig(process.cwd(), 'electron-builder.yml', null);

test('the configuration passes electron-builder validation', async () => {
  await validateConfiguration(config, new DebugLogger(false));
});

test('fuses close run-as-node, NODE_OPTIONS, inspect flags and loose app code', () => {
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  });
});

test('only the build output and the real-Django probe ship, with native code and the probe unpacked', () => {
  assert.equal(config.productName, 'Interleave');
  // The loader normalises `files` to file sets; their filters are the patterns as written.
  const patterns = config.files.flatMap((set: string | { filter: string[] }) =>
    typeof set === 'string' ? [set] : set.filter,
  );
  assert.deepEqual(patterns, [
    'out/**',
    '!out/**/*.map',
    'package.json',
    'native/electron/**',
    // Python imports the probe from disk, so it ships as files, outside the asar archive.
    'main/django/python/**',
    '!main/django/python/**/__pycache__/**',
  ]);
  assert.ok(config.asarUnpack.includes('native/**'));
  assert.ok(config.asarUnpack.includes('main/django/python/**'));
  assert.ok(config.asarUnpack.some((p: string) => p.includes('better-sqlite3') && p.endsWith('.node')));
});

test('targets: AppImage and deb, dmg, nsis', () => {
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.equal(config.mac.target, 'dmg');
  assert.equal(config.win.target, 'nsis');
});

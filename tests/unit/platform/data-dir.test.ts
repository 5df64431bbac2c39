// The default data folder must be the one Electron's app.getPath('userData') gives "Interleave",
// so both modes share one store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveDataDir } from '../../../main/platform/data-dir.ts';

test('Linux: $XDG_CONFIG_HOME, else ~/.config', () => {
  assert.equal(resolveDataDir({ platform: 'linux', env: {}, home: '/home/ada' }), '/home/ada/.config/Interleave');
  assert.equal(
    resolveDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, home: '/home/ada' }),
    '/xdg/Interleave',
  );
});

test('macOS: ~/Library/Application Support', () => {
  assert.equal(
    resolveDataDir({ platform: 'darwin', env: {}, home: '/Users/ada' }),
    '/Users/ada/Library/Application Support/Interleave',
  );
});

test('Windows: %APPDATA%, else the roaming folder under the profile', () => {
  assert.equal(
    resolveDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, home: 'C:\\Users\\ada' }),
    'C:\\Users\\ada\\AppData\\Roaming\\Interleave',
  );
  assert.equal(
    resolveDataDir({ platform: 'win32', env: {}, home: 'C:\\Users\\ada' }),
    'C:\\Users\\ada\\AppData\\Roaming\\Interleave',
  );
});

test('$INTERLEAVE_DATA_DIR wins on every platform', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    assert.equal(resolveDataDir({ platform, env: { INTERLEAVE_DATA_DIR: '/tmp/x' }, home: '/h' }), '/tmp/x');
  }
});

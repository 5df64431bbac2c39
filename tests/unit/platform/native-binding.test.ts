// The Electron build of better-sqlite3 is used exactly when the running runtime's module ABI is
// the one it was built for; under Node (these tests) the node_modules build stays in use.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { nativeBindingPath } from '../../../main/platform/native-binding.ts';

const root = mkdtempSync(join(tmpdir(), 'interleave-native-'));
after(() => rmSync(root, { recursive: true, force: true }));

function folder(name: string, abi: unknown, withModule = true): string {
  const dir = join(root, name) + sep;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(`${dir}abi.json`, JSON.stringify({ electron: '45.5.0', modules: abi }));
  if (withModule) writeFileSync(`${dir}better_sqlite3.node`, 'not really a module');
  return dir;
}

test('a build for the running ABI is chosen', () => {
  const dir = folder('match', process.versions.modules);
  assert.equal(nativeBindingPath(dir), `${dir}better_sqlite3.node`);
});

test("a build for another ABI (Electron's, seen from Node) is not", () => {
  assert.equal(nativeBindingPath(folder('electron-abi', '150')), undefined);
});

test('no build, no record, or a damaged record: the default build', () => {
  assert.equal(nativeBindingPath(folder('no-module', process.versions.modules, false)), undefined);
  assert.equal(nativeBindingPath(join(root, 'absent') + sep), undefined);
  const damaged = folder('damaged', process.versions.modules);
  writeFileSync(`${damaged}abi.json`, '{');
  assert.equal(nativeBindingPath(damaged), undefined);
});

test('under Node, with the default folder, the node_modules build is used', () => {
  // native/electron holds at most an Electron build, whose ABI is never Node's.
  assert.equal(nativeBindingPath(), undefined);
});

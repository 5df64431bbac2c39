// Which worker code the engine loads from source: the build's, only while every source it was
// built from is unchanged (checked on real files and their modification times).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshBuiltWorkers } from '../../../../main/engine/threads/worker-files.ts';

const base = mkdtempSync(join(tmpdir(), 'interleave-worker-files-'));
after(() => rmSync(base, { recursive: true, force: true }));
const BUILT_AT = Date.parse('2026-01-02T03:04:05Z');
let roots = 0;

/** A checkout with a build of workers `a` and `b`, their sources last changed a minute before it. */
function checkout(info: object = {}) {
  const root = join(base, `root-${++roots}`);
  mkdirSync(join(root, 'out', 'main'), { recursive: true });
  mkdirSync(join(root, 'main'), { recursive: true });
  const inputs = { 'a.worker.js': ['main/a.ts', 'main/shared.ts'], 'b.worker.js': ['main/b.ts', 'main/shared.ts'] };
  for (const file of ['main/a.ts', 'main/b.ts', 'main/shared.ts']) {
    writeFileSync(join(root, file), '// source\n');
    utimesSync(join(root, file), (BUILT_AT - 60_000) / 1000, (BUILT_AT - 60_000) / 1000);
  }
  for (const name of ['a', 'b']) writeFileSync(join(root, 'out', 'main', `${name}.worker.js`), '// built\n');
  const write = (content: object) =>
    writeFileSync(join(root, 'out', 'build-info.json'), JSON.stringify({ sourcesAt: BUILT_AT, inputs, ...content }));
  write(info);
  return { root, write, touch: (file: string, at: number) => utimesSync(join(root, file), at / 1000, at / 1000) };
}

test('a build whose sources have not changed since is used', () => {
  const { root } = checkout();
  assert.equal(freshBuiltWorkers(root, ['a', 'b']), join(root, 'out', 'main'));
});

test('one source changed after the build started: the build is stale', () => {
  const { root, touch } = checkout();
  touch('main/shared.ts', BUILT_AT + 1);
  assert.equal(freshBuiltWorkers(root, ['a', 'b']), undefined);
  assert.equal(freshBuiltWorkers(root, []), join(root, 'out', 'main'), 'no worker asked, nothing stale');
});

test('a source gone, a worker not built or not listed, no build info: no build to use', () => {
  const gone = checkout();
  rmSync(join(gone.root, 'main', 'b.ts'));
  assert.equal(freshBuiltWorkers(gone.root, ['a', 'b']), undefined);
  assert.equal(freshBuiltWorkers(gone.root, ['a']), join(gone.root, 'out', 'main'));

  const missing = checkout();
  rmSync(join(missing.root, 'out', 'main', 'a.worker.js'));
  assert.equal(freshBuiltWorkers(missing.root, ['a']), undefined);

  const unlisted = checkout();
  assert.equal(freshBuiltWorkers(unlisted.root, ['c']), undefined);

  const older = checkout({ sourcesAt: undefined, inputs: undefined });
  assert.equal(freshBuiltWorkers(older.root, ['a']), undefined, 'a build from before inputs were recorded');

  const none = checkout();
  rmSync(join(none.root, 'out', 'build-info.json'));
  assert.equal(freshBuiltWorkers(none.root, ['a']), undefined);
});

// The layers table in eslint.config.js, run by ESLint itself (its Node API, the repository's own
// config) on source text given a path inside the tree: `lintText` with `filePath` lints exactly
// as if the file were there, without writing one into the working tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The folder-layers messages ESLint gives `code` as the file `path` (relative to the root). */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result.messages.filter((m) => m.ruleId === 'local/folder-layers').map((m) => m.message);
}

test('the store importing the engine is refused, naming both folders and what is allowed', async () => {
  const errors = await layerErrors(
    'main/store/layers-probe.ts',
    "import { startScenario } from '../engine/index.ts';\nexport const probe = startScenario;\n",
  );
  assert.deepEqual(errors, [
    'main/store may import only shared, main/platform: "../engine/index.ts" is in main/engine. See the layers table in eslint.config.js.',
  ]);
});

test('the app importing the engine, the store and platform is allowed', async () => {
  const errors = await layerErrors(
    'main/app/layers-probe.ts',
    [
      "import { startScenario } from '../engine/index.ts';",
      "import { RunStore } from '../store/run-store.ts';",
      "import { openSqlite } from '../platform/open-sqlite.ts';",
      'export const probe = [startScenario, RunStore, openSqlite];',
      '',
    ].join('\n'),
  );
  assert.deepEqual(errors, []);
});

test('an import is judged by the file it reaches, however the path is spelled', async () => {
  const cases: [string, string, string][] = [
    // [file, import, folder it reaches]
    ['main/engine/db/x.ts', '../../../main/store/run-store.ts', 'main/store'],
    ['main/host/x.ts', './../electron/app-protocol.ts', 'main/electron'],
    ['main/electron/x.ts', '../host/browser-host.ts', 'main/host'],
    ['main/cli/commands/x.ts', '../../engine/index.ts', 'main/engine'],
    ['main/platform/x.ts', '../store/run-store.ts', 'main/store'],
    ['shared/x.ts', '../main/app/app.ts', 'main/app'],
    ['renderer/src/x.ts', '../../main/platform/data-dir.ts', 'main/platform'],
  ];
  for (const [file, source, folder] of cases) {
    const errors = await layerErrors(file, `export * from '${source}';\n`);
    assert.equal(errors.length, 1, `${file} → ${source}: ${JSON.stringify(errors)}`);
    assert.match(errors[0], new RegExp(`"${source.replace(/\./g, '\\.')}" is in ${folder}\\.`));
  }
  const dynamic = await layerErrors('main/store/x.ts', "export const later = () => import('../app/app.ts');\n");
  assert.equal(dynamic.length, 1, 'a dynamic import() is checked too');
});

test('a folder of main/ without a row is an error, in the folder and for its importers', async () => {
  assert.deepEqual(await layerErrors('main/newfolder/x.ts', 'export const x = 1;\n'), [
    'main/newfolder/x.ts is in main/ but in no row of the layers table in eslint.config.js; add its row.',
  ]);
  assert.deepEqual(await layerErrors('main/app/x.ts', "export * from '../newfolder/x.ts';\n"), [
    'main/newfolder/x.ts is in main/ but in no row of the layers table in eslint.config.js; add its row.',
  ]);
});

test('the folder itself, packages and files outside every row are not this rule’s business', async () => {
  const code = [
    "import { join } from 'node:path';",
    "import Database from 'better-sqlite3';",
    "import { Recorder } from './record/recorder.ts';",
    "import packageJson from '../../package.json' with { type: 'json' };",
    'export const probe = [join, Database, Recorder, packageJson];',
    '',
  ].join('\n');
  assert.deepEqual(await layerErrors('main/engine/x.ts', code), []);
});

// Type-checks each runtime's TypeScript program: Node side, renderer, and the Electron shell.
// The shell's two files that import `electron` need its types, which come with the optional
// `electron` package; where it is not installed (Electron 45 needs Node 22, so npm skips it on
// Node 20) that program is skipped with one line saying so. Everything else in main/electron is
// free of electron imports and is checked by tsconfig.node.json on every machine.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const programs = ['tsconfig.node.json', 'tsconfig.web.json'];
if (existsSync('node_modules/electron/electron.d.ts')) programs.push('tsconfig.electron.json');
else
  console.log(
    'typecheck: skipped tsconfig.electron.json (main/electron/main.ts, preload.ts): the optional electron package is not installed, so its types are absent',
  );

let failed = false;
for (const project of programs) {
  const result = spawnSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`typecheck: ${project} failed`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);

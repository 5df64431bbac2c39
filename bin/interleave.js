#!/usr/bin/env node
// The `interleave` command. In a checkout with its devDependencies it runs the TypeScript sources
// through tsx, so it works right after `npm ci` with no build step and always runs the code as it
// is. Where tsx is not installed (an install without devDependencies) it runs the build,
// out/main/cli.js from `npm run build`, which needs neither tsx nor esbuild.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function resolves(specifier) {
  try {
    import.meta.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

const built = new URL('../out/main/cli.js', import.meta.url);
let main;
if (resolves('tsx/esm/api')) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../main/cli/main.ts'));
  const { dropWritesAfterClosedPipe } = await import('../main/cli/closed-pipe.ts');
  dropWritesAfterClosedPipe(process.stdout);
  dropWritesAfterClosedPipe(process.stderr);
} else if (existsSync(fileURLToPath(built))) {
  ({ main } = await import(built.href));
} else {
  console.error(
    'interleave: the command is not built (no out/main/cli.js) and tsx is not installed: run `npm run build`',
  );
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// The `interleave` command. Runs the TypeScript sources through tsx, so it works straight from a
// checkout after `npm install` (`npx interleave …`) with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/main.ts');
const { dropWritesAfterClosedPipe } = await import('../main/cli/closed-pipe.ts');
dropWritesAfterClosedPipe(process.stdout);
dropWritesAfterClosedPipe(process.stderr);
process.exitCode = await main(process.argv.slice(2));

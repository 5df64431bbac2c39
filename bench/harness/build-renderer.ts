/**
 * Builds the UI the way `npm run build` does (vite, the project's vite.config.ts), into a folder
 * of the bench's own, so a benchmark never measures a stale build nor replaces the one other
 * tools serve from out/renderer. `BENCH_UNMINIFIED=1` keeps names, for reading a profile.
 */
import { join } from 'node:path';
import { REPO_ROOT } from './child-process.ts';

export async function buildRenderer(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: join(REPO_ROOT, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, sourcemap: false, minify: !process.env.BENCH_UNMINIFIED },
  });
}

// Builds everything the app runs from out/:
//   out/main/electron-main.js   the Electron shell (package.json "main"), ESM
//   out/main/preload.cjs        the sandboxed preload, CommonJS (a sandboxed preload is a plain script)
//   out/main/<name>.worker.js   every main/engine/**/*.worker.ts, FLAT beside the main bundles, so
//                               the engine's `new URL('./<name>.worker.js', import.meta.url)` resolves
//   out/main/browser-main.js    the browser-mode host entry (when present)
//   out/main/cli.js             the command line (when main/cli/main.ts is present)
//   out/renderer/               the UI, by vite with the project's vite.config.ts
//   out/build-info.json         what was built and when (scripts/start.js compares it with
//                               sources), and each main-process bundle's source files with the
//                               time the build started: the engine, run from source (tests, the
//                               CLI in a checkout), loads these workers only while none of their
//                               sources changed since (main/engine/threads/worker-files.ts)
// Main-process bundles keep npm packages external (resolved from node_modules at run time, and
// shipped as production node_modules): better-sqlite3 is native and electron is the runtime.
//
//   node scripts/build.js        (npm run build type-checks first)
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { build as esbuild } from 'esbuild';

const OUT_MAIN = 'out/main';
const OUT_RENDERER = 'out/renderer';

function findFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findFiles(path, suffix);
    return entry.name.endsWith(suffix) ? [path] : [];
  });
}

/** Output name (without .js) → source, for the ESM main-process bundles. */
function mainEntries() {
  const entries = { 'electron-main': 'main/electron/main.ts' };
  for (const [name, source] of [
    ['browser-main', 'main/host/browser-main.ts'],
    ['cli', 'main/cli/main.ts'],
  ]) {
    if (existsSync(source)) entries[name] = source;
  }
  for (const source of findFiles('main/engine', '.worker.ts')) {
    const name = basename(source, '.ts');
    if (entries[name])
      throw new Error(`Two worker files would both be built to ${name}.js: ${entries[name]}, ${source}`);
    entries[name] = source;
  }
  return entries;
}

/** Each output file's source files, relative to the root, from esbuild's metafile. */
function inputsByOutput(metafile) {
  return Object.fromEntries(
    Object.entries(metafile.outputs)
      .filter(([output]) => !output.endsWith('.map'))
      .map(([output, { inputs }]) => [basename(output), Object.keys(inputs).sort()]),
  );
}

async function buildMain() {
  const entryPoints = mainEntries();
  const main = await esbuild({
    entryPoints,
    outdir: OUT_MAIN,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    external: ['electron'],
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const preload = await esbuild({
    entryPoints: { preload: 'main/electron/preload.ts' },
    outdir: OUT_MAIN,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  return {
    files: [...Object.keys(entryPoints).map((name) => `${name}.js`), 'preload.cjs'],
    inputs: { ...inputsByOutput(main.metafile), ...inputsByOutput(preload.metafile) },
  };
}

async function buildRenderer() {
  // Imported here so a main-only problem is reported before vite's start-up cost.
  const { build: viteBuild } = await import('vite');
  if (!existsSync('vite.config.ts')) throw new Error('vite.config.ts is missing: the renderer cannot be built');
  await viteBuild({
    configFile: 'vite.config.ts',
    logLevel: 'warn',
    build: { outDir: join(process.cwd(), OUT_RENDERER), emptyOutDir: true },
  });
  return findFiles(OUT_RENDERER, '').filter((f) => !f.endsWith('.map'));
}

function size(file) {
  const bytes = statSync(file).size;
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

async function main() {
  const started = performance.now();
  // Taken before esbuild reads anything: a source saved during the build counts as newer.
  const sourcesAt = Date.now();
  rmSync(OUT_MAIN, { recursive: true, force: true });
  // A half-finished build must not look fresh to the engine (see out/build-info.json above).
  rmSync('out/build-info.json', { force: true });
  mkdirSync(OUT_MAIN, { recursive: true });
  const { files: mainFiles, inputs } = await buildMain();
  const mainDone = performance.now();
  for (const name of mainFiles) console.log(`  ${join(OUT_MAIN, name).padEnd(40)} ${size(join(OUT_MAIN, name))}`);
  console.log(`build: main process, preload and workers in ${Math.round(mainDone - started)} ms`);

  const rendererFiles = await buildRenderer();
  for (const file of rendererFiles) console.log(`  ${relative('.', file).padEnd(40)} ${size(file)}`);
  console.log(`build: renderer in ${((performance.now() - mainDone) / 1000).toFixed(1)} s`);

  writeFileSync(
    'out/build-info.json',
    `${JSON.stringify({ builtAt: new Date().toISOString(), main: mainFiles, renderer: rendererFiles.map((f) => relative(OUT_RENDERER, f)), sourcesAt, inputs }, null, 2)}\n`,
  );
  console.log(`build: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error(`build failed: ${error.message}`);
  process.exit(1);
});

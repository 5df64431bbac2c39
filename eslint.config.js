// One linter for the whole repo. The import arrows between runtimes and between folders are data
// here, so a layering mistake fails `npm run lint` instead of waiting for review. Do not relax
// these rules: they keep the renderer free of Node, the engine free of Electron, and main/ free
// of cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { folderLayers } from './scripts/eslint-folder-layers.js';

const node = {
  group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'net'],
  message: 'Node built-ins do not run here.',
};
const electron = { name: 'electron', message: 'Only main/electron may import Electron.' };
const nativeAndServer = {
  group: ['better-sqlite3', 'undici', 'ws', 'esbuild', 'tsx', 'tsx/*'],
  message: 'Node-only packages do not run here.',
};
const react = {
  group: ['react', 'react-dom', 'react-dom/*', 'recharts'],
  message: 'UI libraries belong to renderer/.',
};

/**
 * Packages and built-ins per runtime: each entry lists what that folder may NOT import. For a file
 * two entries match, the later one replaces the earlier (main/electron may import Electron).
 */
const RUNTIMES = {
  'shared/**': [node, electron, nativeAndServer, react],
  'renderer/**': [node, electron, nativeAndServer],
  'main/**': [electron, react],
  'main/electron/**': [react],
};

// -----------------------------------------------------------------------------------------------
// THE LAYERS TABLE. Do not relax these rules.
// Each folder lists the folders it may import (its own is always allowed); nothing else. The
// renderer reaches the engine only through the bridge, so no row lists renderer/ and renderer's
// row lists no main/ folder. Inside main/, the arrows point one way, down to platform/:
//   cli, host, electron  ->  app  ->  django  ->  engine  ->  platform  ->  shared
//                            app  ->  url     ->  engine
//                            app  ->  store   ->  platform
//                            app  ->  import  ->  platform
// `platform` holds what two folders would otherwise take from each other (opening SQLite, WAL
// mode, the native binding, the data folder, serving the built UI with its CSP). If a new import
// breaks this table, move the shared code down; do not add an arrow. A file of a main/ folder
// without a row is an error. Checked by scripts/eslint-folder-layers.js, tested in
// tests/unit/lint/folder-layers.test.ts.
// -----------------------------------------------------------------------------------------------
export const LAYERS = {
  shared: [],
  renderer: ['shared'],
  'main/platform': ['shared'],
  'main/engine': ['shared', 'main/platform'],
  'main/store': ['shared', 'main/platform'],
  'main/import': ['shared', 'main/platform'],
  'main/django': ['shared', 'main/platform', 'main/engine'],
  'main/url': ['shared', 'main/platform', 'main/engine'],
  'main/app': ['shared', 'main/platform', 'main/engine', 'main/store', 'main/django', 'main/url', 'main/import'],
  'main/cli': ['shared', 'main/platform', 'main/app'],
  'main/host': ['shared', 'main/platform', 'main/app'],
  'main/electron': ['shared', 'main/platform', 'main/app'],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'native/**',
      'test-results/**',
      'playwright-report/**',
      'artifacts/**',
      'scratch/**',
      '.venv/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['scripts/**/*.js', 'bin/**/*.js', 'eslint.config.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
      },
    },
  },
  ...Object.entries(RUNTIMES).map(([folder, rules]) => ({
    files: [`${folder}/*.ts`, `${folder}/*.tsx`],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: rules.filter((r) => 'name' in r), patterns: rules.filter((r) => 'group' in r) },
      ],
    },
  })),
  {
    files: ['shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'main/**/*.ts'],
    plugins: { local: { rules: { 'folder-layers': folderLayers } } },
    rules: { 'local/folder-layers': ['error', { root: import.meta.dirname, layers: LAYERS }] },
  },
);

// One linter for the whole repo. The import arrows between runtimes are data here, so a layering
// mistake fails `npm run lint` instead of waiting for review. Do not relax these rules: they are
// what keeps the renderer free of Node, and the engine free of Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
const intoMain = {
  group: ['**/main/**', '../main/*', '../../main/*'],
  message: 'Reach the engine through the bridge (shared/bridge.ts), never by import.',
};
const intoRenderer = {
  group: ['**/renderer/**'],
  message: 'The renderer is a client of the bridge; nothing imports it.',
};

/** Allowed imports per folder: each entry lists what that folder may NOT import. */
const LAYERS = {
  'shared/**': [node, electron, nativeAndServer, react, intoMain, intoRenderer],
  'renderer/**': [node, electron, nativeAndServer, intoMain],
  'main/engine/**': [electron, react, intoRenderer],
  'main/store/**': [electron, react, intoRenderer],
  'main/django/**': [electron, react, intoRenderer],
  'main/app/**': [electron, react, intoRenderer],
  'main/cli/**': [electron, react, intoRenderer],
  'main/host/**': [electron, react, intoRenderer],
  'main/electron/**': [react, intoRenderer],
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
  ...Object.entries(LAYERS).map(([folder, rules]) => ({
    files: [`${folder}/*.ts`, `${folder}/*.tsx`],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: rules.filter((r) => 'name' in r), patterns: rules.filter((r) => 'group' in r) },
      ],
    },
  })),
);

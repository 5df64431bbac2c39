/**
 * End-to-end tests: Debian's Chromium drives the real UI in browser mode against the real engine.
 * The global setup starts the built browser-mode host (out/, from `node scripts/build.js`, which
 * `npm run test:e2e` runs first) on a free port with a throwaway data folder, and hands the page
 * URL, token included, to the tests. One worker: the machine has two cores and the engine's runs
 * are timing-shaped.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './tests/e2e/chromium-launch.ts';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1440, height: 1000 },
    colorScheme: 'light',
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: CHROMIUM_LAUNCH,
  },
});

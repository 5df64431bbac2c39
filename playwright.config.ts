/**
 * End-to-end tests: Debian's Chromium drives the real UI in browser mode against the real engine.
 * The global setup starts the built browser-mode host (out/, from `node scripts/build.js`, which
 * `npm run test:e2e` runs first) on a free port with a throwaway data folder, and hands the page
 * URL, token included, to the tests. One worker: the machine has two cores and the engine's runs
 * are timing-shaped.
 *
 * Screenshot baselines (looks.spec.ts) are committed under tests/e2e/__screenshots__, one path
 * per name with no platform or project in it: every machine that compares them runs Debian's
 * Chromium with software rendering (--disable-gpu) and fonts-dejavu-core. The tolerance is for
 * that rendering's antialiasing: up to 1 % of pixels may differ. A pixel counts as different
 * past a colour distance of 0.05 (pixelmatch's YIQ scale, 0 to 1): at the default 0.2 a phase
 * drawn in another hue of the same lightness (rose #CA6475 to orange #D46A3F) went unnoticed.
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
  expect: {
    timeout: 15_000,
    toHaveScreenshot: { maxDiffPixelRatio: 0.01, threshold: 0.05, animations: 'disabled', caret: 'hide', scale: 'css' },
  },
  snapshotPathTemplate: '{testDir}/__screenshots__/{testFilePath}/{arg}{ext}',
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

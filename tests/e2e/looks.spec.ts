/**
 * The views whose look is the product, compared with committed baselines (toHaveScreenshot):
 * the first screen; the lanes and requests views of three presets; the comparison view; the
 * HTML report. Live runs are not deterministic, so each view shows stored runs imported
 * through the app's own import path (tests/fixtures/runs, written once by `interleave run
 * --preset … --requests 20 --out …`). What differs between machines is masked: the app's
 * version, the CPU cores the model assumes, the report's date. Each test has a host of its own
 * with an empty history, and INTERLEAVE_PYTHON=/nonexistent, so "Run on" says the same thing on
 * every machine instead of naming the Python it found.
 *
 * Baselines live in tests/e2e/__screenshots__ (snapshotPathTemplate in playwright.config.ts).
 * After a deliberate change of looks: `npx playwright test tests/e2e/looks.spec.ts
 * --update-snapshots`, then open the PNGs and look at them before committing.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, type AppPage } from './app-page.ts';
import { startHost, type HostProcess } from './host-process.ts';

let host: HostProcess;
test.beforeEach(async () => {
  host = await startHost({ INTERLEAVE_PYTHON: '/nonexistent' });
});
test.afterEach(async () => {
  await host.stop();
});

const fixture = (name: string) => `tests/fixtures/runs/${name}.json`;

/** Imports a stored run through the history's file picker; it becomes the run on screen. */
async function importRun(app: AppPage, name: string): Promise<void> {
  const history = app.page.getByTestId('history').locator('li');
  const before = await history.count();
  await app.page.getByTestId('import-file').setInputFiles(fixture(name));
  await expect(history).toHaveCount(before + 1);
  await expect(app.page.getByTestId('chart-latency').locator('svg[role="application"]')).toBeVisible();
}

/** Waits until the timeline has drawn the run in `mode`, and moves the pointer off it. */
async function timelineDrawn(app: AppPage, mode: 'lanes' | 'requests'): Promise<void> {
  await app.page.getByTestId(`view-${mode}`).click();
  await app.page.mouse.move(0, 0);
  await expect(app.canvas()).toHaveAttribute('data-mode', mode);
  await expect.poll(() => app.drawnRects()).toBeGreaterThan(0);
}

/** Masked on every page: the app's version and the cores of the machine the host runs on. */
const machineParts = (page: Page): Locator[] => [page.getByTestId('connection'), page.getByTestId('bound-cores')];

test('the first screen', async ({ page, app }) => {
  await app.open(host.url);
  await expect(page.getByTestId('bound-min-latency')).toHaveText('100 ms');
  await page.mouse.move(0, 0);
  await expect(page).toHaveScreenshot('first-screen.png', { fullPage: true, mask: machineParts(page) });
});

for (const preset of ['async-time-sleep', 'sync-workers', 'cpu-offload-gil']) {
  test(`${preset}: the lanes and requests views`, async ({ page, app }) => {
    await app.open(host.url);
    await importRun(app, preset);
    const main = page.locator('main');
    await timelineDrawn(app, 'lanes');
    await expect(main).toHaveScreenshot(`${preset}-lanes.png`, { mask: machineParts(page) });
    await timelineDrawn(app, 'requests');
    await expect(page.getByRole('region', { name: 'Timeline' })).toHaveScreenshot(`${preset}-requests.png`);
  });
}

test('dark: the lanes of the interpreter-lock run (cpu beside waiting for the lock)', async ({ page, app }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open(host.url);
  await importRun(app, 'cpu-offload-gil');
  await timelineDrawn(app, 'lanes');
  await expect(page.getByRole('region', { name: 'Timeline' })).toHaveScreenshot('cpu-offload-gil-lanes-dark.png');
});

test('the comparison view', async ({ page, app }) => {
  await app.open(host.url);
  await importRun(app, 'async-time-sleep');
  await importRun(app, 'async-await');
  for (const box of await page.getByTestId('history').getByRole('checkbox', { name: 'compare' }).all())
    await box.check();
  await page.getByTestId('compare').click();
  const comparison = page.getByTestId('comparison');
  await expect(comparison.getByTestId('comparison-table')).toBeVisible();
  await expect(comparison.locator('.recharts-line')).toHaveCount(4);
  await page.mouse.move(0, 0);
  await expect(comparison).toHaveScreenshot('comparison.png');
});

test('the HTML report', async ({ page, app }) => {
  await app.open(host.url);
  await importRun(app, 'sync-workers');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
  // Saved under its own name: a download's temporary file has no .html, and would open as text.
  const dir = mkdtempSync(join(tmpdir(), 'interleave-looks-'));
  try {
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    await page.goto(pathToFileURL(file).href);
    await expect(page.locator('svg').first()).toBeVisible();
    // The footer says when the file was made.
    await expect(page).toHaveScreenshot('report.png', { fullPage: true, mask: [page.locator('footer')] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

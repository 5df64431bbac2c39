/**
 * Keyboard and looks: each chart is one named tab stop (recharts' layer groups used to be seven
 * more each), a selected tab looks selected rather than focused, descriptions show code as
 * code, and the theme toggle (system, light, dark) applies at once and is remembered.
 */
import { expect, type Page } from '@playwright/test';
import { test, type AppPage } from './app-page.ts';

const FIXTURE = 'tests/fixtures/runs/sync-workers.json';

/** Imports the stored run through the history's file picker; it opens as the run on screen. */
async function importFixture(app: AppPage, path = FIXTURE): Promise<void> {
  const history = app.page.getByTestId('history').locator('li');
  const before = await history.count();
  await app.page.getByTestId('import-file').setInputFiles(path);
  await expect(history).toHaveCount(before + 1);
  await expect(app.page.getByTestId('chart-latency').locator('svg[role="application"]')).toBeVisible();
}

// Runs in the page: describes the focused element (a chart by its name), or null once focus is
// back at the first stop seen (or on the body). A string, as this folder compiles without the DOM.
const DESCRIBE_FOCUS = `(() => {
  const seen = (window.tabStops ??= []);
  const e = document.activeElement;
  if (!e || e === document.body || seen[0] === e) return null;
  seen.push(e);
  const name = e.getAttribute('aria-label') ?? e.querySelector(':scope > title')?.textContent ?? e.textContent;
  return (e.closest('.charts') ? 'chart:' : '') + e.tagName.toLowerCase() + '[' + (e.getAttribute('role') ?? '') + '] ' + (name ?? '').trim().slice(0, 40);
})()`;

/** Tabs once round the whole page, back to the first stop; describes each stop. */
async function tabRound(page: Page): Promise<string[]> {
  await page.locator('h1').click();
  const stops: string[] = [];
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate<string | null>(DESCRIBE_FOCUS);
    if (stop === null) break;
    stops.push(stop);
  }
  return stops;
}

test('each chart is one tab stop, named by its title; the arrow keys there walk its values', async ({ page, app }) => {
  await app.open();
  await importFixture(app);
  const stops = await tabRound(page);
  const inCharts = stops.filter((s) => s.startsWith('chart:'));
  expect(inCharts).toEqual([
    'chart:svg[application] Throughput',
    'chart:svg[application] Requests in flight',
    'chart:svg[application] Latency percentiles over time',
    'chart:svg[application] Latency histogram',
    'chart:svg[application] Event-loop delay',
  ]);
  expect(stops.filter((s) => /^(chart:)?g\[/.test(s))).toEqual([]);
  // Arrow keys on a focused chart show its tooltip and leave the timeline where it is.
  const chart = page.getByRole('application', { name: 'Latency percentiles over time' });
  await chart.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('chart-latency').locator('.recharts-tooltip-wrapper')).toContainText('p50');
  await app.screenshot('15-chart-keyboard');
});

test('a selected tab or toggle is filled; keyboard focus is a ring around it', async ({ page, app }) => {
  await app.open();
  await importFixture(app);
  const lanes = page.getByTestId('view-lanes');
  const requests = page.getByTestId('view-requests');
  await expect(lanes).toHaveAttribute('aria-selected', 'true');
  // Selected, not focused: filled (the light theme's --selected-bg), no ring.
  await page.locator('h1').click();
  await expect(lanes).toHaveCSS('outline-style', 'none');
  await expect(lanes).toHaveCSS('background-color', 'rgb(220, 233, 248)');
  const plain = 'rgb(255, 255, 255)';
  await expect(requests).toHaveCSS('background-color', plain);
  // Focused from the keyboard, not selected: a ring, no fill.
  await lanes.focus();
  await page.keyboard.press('Tab');
  await expect(requests).toBeFocused();
  await expect(requests).toHaveCSS('outline-style', 'solid');
  await expect(requests).toHaveCSS('background-color', plain);
  await expect(lanes).toHaveCSS('outline-style', 'none');
  await app.screenshot('16-selected-and-focused');
  // Clicked with the mouse: selected, and no ring.
  await page.locator('h1').click();
  await requests.click();
  await expect(requests).toHaveAttribute('aria-selected', 'true');
  await expect(requests).toHaveCSS('outline-style', 'none');
});

test('descriptions show their code spans as code, not backticks', async ({ page, app }) => {
  await app.open();
  await app.pickPreset('async-time-sleep');
  const explanation = page.getByTestId('preset-explanation');
  await expect(explanation.locator('code').first()).toHaveText('time.sleep');
  await expect(explanation).not.toContainText('`');
  await expect(explanation.locator('code').first()).toHaveCSS('font-family', /DejaVu Sans Mono/);
});

test('theme: system, light or dark, applied at once and remembered', async ({ page, app }) => {
  await app.open();
  const toggle = page.getByTestId('theme-toggle');
  const body = page.locator('body');
  await expect(toggle.getByLabel('System')).toBeChecked();
  await expect(body).toHaveCSS('background-color', 'rgb(243, 244, 246)');
  await toggle.getByText('Dark').click();
  await expect(body).toHaveCSS('background-color', 'rgb(17, 19, 22)');
  await importFixture(app, 'tests/fixtures/runs/cpu-offload-gil.json');
  await app.screenshot('17-theme-dark-chosen');
  await page.reload();
  await expect(page.getByTestId('connection')).toContainText('browser mode');
  await expect(toggle.getByLabel('Dark')).toBeChecked();
  await expect(body).toHaveCSS('background-color', 'rgb(17, 19, 22)');
  // Light chosen while the system is dark stays light.
  await page.emulateMedia({ colorScheme: 'dark' });
  await toggle.getByText('Light').click();
  await expect(body).toHaveCSS('background-color', 'rgb(243, 244, 246)');
  // Back to the system's, which is dark now.
  await toggle.getByText('System').click();
  await expect(body).toHaveCSS('background-color', 'rgb(17, 19, 22)');
  await page.reload();
  await expect(toggle.getByLabel('System')).toBeChecked();
  await expect(body).toHaveCSS('background-color', 'rgb(17, 19, 22)');
  // The toggle's radios are reachable and work from the keyboard.
  await toggle.getByLabel('System').focus();
  await page.keyboard.press('ArrowRight');
  await expect(toggle.getByLabel('Light')).toBeChecked();
  await expect(body).toHaveCSS('background-color', 'rgb(243, 244, 246)');
});

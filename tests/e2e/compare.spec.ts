/**
 * Two runs side by side: tick both in history, Compare, read the sentence and the table, see
 * the overlaid charts, export the comparison as HTML, close it.
 */
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { test, type AppPage } from './app-page.ts';

/** Runs a preset with a few requests; returns the run's history test id and name. */
async function runPreset(app: AppPage, preset: string): Promise<{ testId: string; name: string }> {
  await app.pickPreset(preset);
  await app.setKnob('knob-requests', 20);
  await app.page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  const testId = (await app.page.getByTestId('history').locator('li.current').getAttribute('data-testid'))!;
  return { testId, name: await app.page.getByTestId('run-name').innerText() };
}

test('tick two runs, compare them, export the comparison', async ({ page, app }) => {
  await app.open();
  const slow = await runPreset(app, 'async-time-sleep');
  const fast = await runPreset(app, 'async-await');

  const compare = page.getByTestId('compare');
  await expect(compare).toBeDisabled();
  await page.getByTestId(slow.testId).getByRole('checkbox', { name: 'compare' }).check();
  await expect(compare).toHaveText('Compare (1)');
  await expect(compare).toBeDisabled();
  await page.getByTestId(fast.testId).getByRole('checkbox', { name: 'compare' }).check();
  await expect(compare).toHaveText('Compare (2)');
  await compare.click();

  const sentence = page.getByTestId('comparison-sentence');
  await expect(sentence).toBeVisible();
  // The second run against the first: faster, slower or about the same, said in words.
  await expect(sentence).toContainText(/p95 .*(faster|slower|about the same)/);
  const table = page.getByTestId('comparison-table');
  await expect(table).toBeVisible();
  await expect(table).toContainText(slow.name);
  await expect(table).toContainText(fast.name);
  await expect(table.getByRole('row', { name: /^Requests/ })).toContainText('20');
  await expect(page.getByTestId('compare-latency').locator('.recharts-line')).toHaveCount(2);
  await expect(page.getByTestId('compare-throughput').locator('.recharts-line')).toHaveCount(2);
  await app.screenshot('12-compare');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-comparison').click()]);
  expect(download.suggestedFilename()).toMatch(/\.html$/);
  expect(readFileSync(await download.path(), 'utf8')).toContain('<svg');

  await page.getByTestId('close-comparison').click();
  await expect(page.getByTestId('comparison')).toHaveCount(0);
});

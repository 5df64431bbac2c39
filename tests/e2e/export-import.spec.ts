/** Export downloads a file; importing the JSON brings the same run back, with the same numbers. */
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { test } from './app-page.ts';

test('export JSON, import it back: a new history entry showing the same run', async ({ page, app }) => {
  await app.open();
  await app.pickPreset('cpu-bound-async-view');
  await app.setKnob('knob-requests', 12);
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  const numbers = await app.summary();

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  expect(json.suggestedFilename()).toMatch(/\.json$/);
  const path = await json.path();
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { format: string; requests: unknown[] };
  expect(doc.format).toBe('interleave-run');
  expect(doc.requests).toHaveLength(12);

  const [html] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
  expect(html.suggestedFilename()).toMatch(/\.html$/);

  const before = await page.getByTestId('history').locator('li').count();
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('history').locator('li')).toHaveCount(before + 1);
  await expect.poll(() => app.summary()).toEqual(numbers);
  await app.screenshot('09-imported');

  // Dropping the same file anywhere on the window imports it too.
  const text = readFileSync(path, 'utf8');
  const files = await page.evaluateHandle(
    `(() => { const d = new DataTransfer(); d.items.add(new File([${JSON.stringify(text)}], 'run.json', { type: 'application/json' })); return d; })()`,
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: files });
  await expect(page.locator('.app')).toHaveClass(/drop-target/);
  await page.dispatchEvent('main', 'drop', { dataTransfer: files });
  await expect(page.getByTestId('history').locator('li')).toHaveCount(before + 2);
  await expect(page.locator('.app')).not.toHaveClass(/drop-target/);
  await expect.poll(() => app.summary()).toEqual(numbers);
});

test('rename and delete from history', async ({ page, app }) => {
  await app.open();
  const first = page.getByTestId('history').locator('li').first();
  await expect(first).toBeVisible();
  const count = await page.getByTestId('history').locator('li').count();
  await first.getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel('Run name').fill('Renamed in a test');
  await page.getByLabel('Run name').press('Enter');
  await expect(first).toContainText('Renamed in a test');
  await first.getByRole('button', { name: 'Delete' }).click();
  await first.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.getByTestId('history').locator('li')).toHaveCount(count - 1);
});

/** The system's dark theme reaches the page, the canvas and the charts. */
import { expect } from '@playwright/test';
import { test } from './app-page.ts';

test.use({ colorScheme: 'dark' });

test('dark theme follows the system', async ({ page, app }) => {
  await app.open();
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(17, 19, 22)');
  await app.pickPreset('cpu-offload-gil');
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  await app.screenshot('10-dark-lanes');
  await page.getByTestId('view-requests').click();
  await app.screenshot('11-dark-requests');
});

/**
 * uvicorn --workers in the app: the preset opens with its server chosen, What to expect counts
 * the loops, and the lanes view draws each process's loop under its own name.
 */
import { expect } from '@playwright/test';
import { test } from './app-page.ts';

test('time.sleep on uvicorn --workers 4: four loops, each named by its process', async ({ page, app }) => {
  await app.open();
  await app.pickPreset('uvicorn-workers');
  await expect(page.locator('#knob-server')).toHaveValue('async-workers');
  await expect(page.getByTestId('bound')).toContainText(
    'each of the 4 loops (uvicorn --workers) runs one thing at a time',
  );
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  await expect(app.canvas()).toHaveAttribute('data-mode', 'lanes');
  await app.screenshot('uvicorn-workers-lanes');
});

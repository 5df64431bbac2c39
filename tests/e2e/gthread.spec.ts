/**
 * gunicorn gthread in the app: choosing it enables the Threads knob, What to expect counts W × T
 * threads, and the run's lanes are one per thread, named by process and thread.
 */
import { expect } from '@playwright/test';
import { test } from './app-page.ts';

test('gthread 1 × 4: the threads knob, the bound in threads, four lanes of one process', async ({ page, app }) => {
  await app.open();
  await app.pickPreset('sync-workers');
  await expect(app.knob('knob-threads').number).toBeDisabled();
  await page.locator('#knob-server').selectOption('gthread');
  await app.setKnob('knob-workers', 1);
  await app.setKnob('knob-threads', 4);
  await expect(page.getByTestId('bound')).toContainText('4 gthread threads (1 × 4)');
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  await expect(page.getByTestId('story')).toContainText('4 threads served requests');
  await expect(app.canvas()).toHaveAttribute('data-row-labels', /worker 1 · thread 1\n.*worker 1 · thread 4/s);
  await app.screenshot('gthread-lanes');
});

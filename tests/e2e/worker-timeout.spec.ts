/**
 * gunicorn --timeout in the app: every request of the worker-timeout preset sleeps past the
 * timeout, so the arbiter aborts its worker; the story names the 500s, and each worker's lane
 * shows its aborted requests one after the other, with the replacement's boot between them.
 */
import { expect } from '@playwright/test';
import { test } from './app-page.ts';

test('worker-timeout: What to expect names WORKER TIMEOUT, the run fails its requests with 500s', async ({
  page,
  app,
}) => {
  await app.open();
  await app.pickPreset('worker-timeout');
  await expect(page.getByTestId('bound')).toContainText("takes longer than gunicorn's --timeout (1 s)");
  await expect(page.getByTestId('bound')).toContainText('the worker is replaced 190 ms later');
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  await expect(page.getByTestId('story')).toContainText('WORKER TIMEOUT');
  await expect(app.canvas()).toHaveAttribute('data-row-labels', /worker 1\n.*worker 2/s);
  await app.screenshot('worker-timeout-lanes');
});

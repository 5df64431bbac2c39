/**
 * The sync ORM in an async view, as a new user meets it: the preset's run fails every request
 * with SynchronousOnlyOperation and the story says so with the fix; ticking
 * DJANGO_ALLOW_ASYNC_UNSAFE makes the same view answer, and the story then says the loop was held.
 */
import { expect } from '@playwright/test';
import { test } from './app-page.ts';

test('async view calling the sync ORM: SynchronousOnlyOperation and its fix, then DJANGO_ALLOW_ASYNC_UNSAFE', async ({
  page,
  app,
}) => {
  await app.open();
  await app.pickPreset('async-view-sync-orm');
  const allow = page.getByTestId('knob-allow-async-unsafe');
  await expect(allow).toBeEnabled();
  await expect(allow).not.toBeChecked();
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  const story = page.getByTestId('story');
  // Every request failed: that is the first thing the story says.
  await expect(story.locator('li').first()).toContainText('30 of 30 requests failed');
  await expect(page.getByTestId('bound')).not.toContainText('one request alone');
  await expect(story).toContainText('SynchronousOnlyOperation');
  await expect(story).toContainText('Product.objects.aget()');
  await app.screenshot('sync-orm-in-async');

  await allow.check();
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  await expect(story).not.toContainText('SynchronousOnlyOperation');
  await expect(story).toContainText(/event loop was (blocked|held)/);
  await app.screenshot('sync-orm-allowed');
});

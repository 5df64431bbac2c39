/**
 * The Django version as the first choice in the app: a 3.x preset opens as Django 3.2 with one
 * thread for sync_to_async; choosing 5.2 gives each request its own thread, and What to expect
 * says so before anything runs.
 */
import { expect } from '@playwright/test';
import { test } from './app-page.ts';

test('Django 3.2 → 5.2 changes the executor and what to expect', async ({ page, app }) => {
  await app.open();
  await app.pickPreset('django-3-handler-hops');
  const django = page.locator('#knob-django');
  const executor = page.locator('#knob-executor');
  await expect(django).toHaveValue('3.2');
  await expect(executor).toHaveValue('one-thread');
  await expect(page.getByTestId('bound')).toContainText('one executor thread shared by the whole process');
  await django.selectOption('5.2');
  await expect(executor).toHaveValue('per-request');
  await expect(page.getByTestId('bound')).toContainText('one per request in flight');
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  await app.screenshot('django-version-5-2');
});

test('a sync-only middleware: on Django 3.2 one thread serves every request; on 5.2 one each', async ({
  page,
  app,
}) => {
  await app.open();
  await app.pickPreset('sync-middleware');
  await expect(page.getByTestId('knob-sync-middleware')).toBeChecked();
  await expect(page.locator('#knob-django')).toHaveValue('3.2');
  const bound = page.getByTestId('bound');
  await expect(bound).toContainText('Behind the sync-only middleware');
  await expect(page.getByTestId('bound-max-throughput')).toContainText('10 req/s');
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  await app.screenshot('sync-middleware-3-2');
  await page.locator('#knob-django').selectOption('5.2');
  await expect(page.getByTestId('bound-max-throughput')).toContainText('100 req/s');
});

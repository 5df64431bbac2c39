/**
 * Database connections in the app: the preset that opens one per request under ASGI says so
 * before the run (What to expect charges the connect), draws each connect on the request's
 * thread, and says after the run how many Django opened and why.
 */
import { expect } from '@playwright/test';
import { test } from './app-page.ts';

test('a connection per request under ASGI: the connect is drawn, and the story says why', async ({ page, app }) => {
  await app.open();
  await app.pickPreset('connection-per-request');
  // Connect 20 ms, two 10 ms queries and their ORM Python (0.14 + 0.31 ms), an await of 30 ms.
  await expect(page.getByTestId('bound')).toContainText('Alone, a request takes 70.5 ms');
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  await expect(page.getByTestId('story')).toContainText('Django opened 30 database connections for 30 requests');
  await app.screenshot('db-connection-per-request');
});

test('too many connections: the story counts the refused connections against the limit', async ({ page, app }) => {
  await app.open();
  await app.pickPreset('too-many-connections');
  await expect(page.getByTestId('bound')).toContainText("more than the database's max_connections of 6");
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  await expect(page.getByTestId('story')).toContainText('beyond its limit of 6 (max_connections)');
  await app.screenshot('db-too-many-connections');
});

test('too many connections, then Django 5.1’s pool of 4: every request waits its turn, none fails', async ({
  page,
  app,
}) => {
  await app.open();
  await app.pickPreset('too-many-connections');
  await page.getByTestId('knob-use-pool').check();
  await expect(page.getByTestId('bound')).toContainText(
    "Each request holds one of the pool's connections (4 a process)",
  );
  await expect(page.getByTestId('bound')).not.toContainText('max_connections');
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  await expect(page.getByTestId('story')).toContainText('the connection pool (Django 5.1, 4 a process)');
  expect((await app.summary()).errors).toMatch(/^0 /);
  await app.screenshot('db-pool');
});

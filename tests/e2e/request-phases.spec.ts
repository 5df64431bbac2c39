/**
 * What happens inside each request, on real Django: the requests view draws the client's phases
 * in the strip under each request and the probe's `view` Server-Timing metric as a bar in the
 * wait, and hovering that strip lists the phases and the metric. Under uvicorn the connections
 * are kept alive (no connect phase); gunicorn's sync workers close each one, so every request
 * connects anew. Screenshots of both.
 */
import { expect, type Page } from '@playwright/test';
import { SCREENSHOT_DIR, test, type AppPage } from './app-page.ts';

async function runOnDjango(page: Page, app: AppPage, preset: string): Promise<void> {
  await app.open();
  await app.pickPreset(preset);
  await page.getByRole('radiogroup', { name: 'Target' }).getByRole('radio', { name: 'real Django' }).check();
  await app.setKnob('knob-requests', 12);
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished(120_000)).toBe('complete');
  await page.getByTestId('view-requests').click();
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.locator('section.timeline').screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
}

test('uvicorn: kept-alive connections, the phases and the view metric in the hover card', async ({ page, app }) => {
  test.setTimeout(180_000);
  await runOnDjango(page, app, 'async-orm-per-request');
  await shoot(page, 'phases-django-asgi');
  const card = await app.hoverClientStrip();
  expect(card).toContain('Client (on a kept-alive connection, no connecting):');
  expect(card).toMatch(/waiting for the first byte \d/);
  expect(card).toMatch(/Server-Timing: view [\d.]+ (ms|µs|s) "interleave_site\.views\.ep_0"/);
  expect(card).toContain('drawn end to end from the start of server time');
  await shoot(page, 'phases-django-asgi-hover');
  await expect(page.getByTestId('legend')).toContainText('client: connecting (TCP)');
  await expect(page.getByTestId('legend')).toContainText('Server-Timing metrics');
});

test('gunicorn sync workers: every request connects anew', async ({ page, app }) => {
  test.setTimeout(180_000);
  await runOnDjango(page, app, 'sync-workers');
  const card = await app.hoverClientStrip();
  expect(card).toContain('Client (new connection):');
  expect(card).toMatch(/connecting \(TCP\) [\d.]+/);
  await shoot(page, 'phases-django-gunicorn-hover');
});

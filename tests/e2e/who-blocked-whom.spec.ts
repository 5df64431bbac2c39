/**
 * Waits name who held what they waited for. On sync workers, a request queued for a worker says
 * which request's blocking call held it; "Who blocked whom" draws an arrow from each holder to
 * the waits it prolonged. Screenshots of both.
 */
import { expect } from '@playwright/test';
import { test } from './app-page.ts';

/** The first request rows start below the time axis (draw-frame-chrome.ts) at 18 px a row (requests-view.ts). */
const AXIS_CSS_PX = 22;
const ROW_CSS_PX = 18;

test('a queued request names the worker and the request that held it; the overlay draws the arrows', async ({
  page,
  app,
}) => {
  await app.open();
  await app.pickPreset('sync-workers');
  await app.setKnob('knob-requests', 12);
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  await page.getByTestId('view-requests').click();

  const canvas = app.canvas();
  await expect(canvas).toHaveAttribute('data-flows', '0');
  await page.getByTestId('who-blocked-whom').click();
  await expect(page.getByTestId('who-blocked-whom')).toHaveAttribute('aria-pressed', 'true');
  // 12 requests on 4 workers: requests 4..11 queued behind earlier ones, each wait one arrow or more.
  await expect.poll(async () => Number(await canvas.getAttribute('data-flows'))).toBeGreaterThanOrEqual(8);
  await app.screenshot('who-blocked-whom');

  // Sweep the server strip of the last row (a request that queued) until the card names its holder.
  const box = (await canvas.boundingBox())!;
  const tooltip = page.getByTestId('timeline-tooltip');
  const y = box.y + AXIS_CSS_PX + 11 * ROW_CSS_PX + 6;
  let card = '';
  for (let x = box.x + 150; x < box.x + box.width - 10 && !card.includes('held by'); x += 5) {
    await page.mouse.move(x, y);
    if (await tooltip.isVisible()) card = await tooltip.innerText();
  }
  expect(card).toMatch(/Waited [\d.]+ (ms|s) for worker \d, held by request #\d+'s blocking call \(time\.sleep\)/);
  await app.screenshot('who-blocked-whom-hover');

  await page.getByTestId('who-blocked-whom').click();
  await expect(canvas).toHaveAttribute('data-flows', '0');
});

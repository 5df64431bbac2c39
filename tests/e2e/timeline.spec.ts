/**
 * The timeline's own behaviour in a real run: hover details without a DOM node per span, the two
 * views within the DOM budget, zoom and pan from the keyboard, and Space to run and stop.
 */
import { expect } from '@playwright/test';
import { MAX_DOM_NODES, test } from './app-page.ts';

test('hovering a bar describes its request; both views stay within the DOM budget', async ({ page, app }) => {
  await app.open();
  await app.pickPreset('async-orm-one-thread');
  await app.setKnob('knob-requests', 20);
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');

  const box = (await app.canvas().boundingBox())!;
  const tooltip = page.getByTestId('timeline-tooltip');
  // Sweep the rows until the pointer lands on a span (the executor thread is busy most of the run).
  for (const view of ['lanes', 'requests'] as const) {
    await page.getByTestId(`view-${view}`).click();
    expect(await app.domNodes()).toBeLessThanOrEqual(MAX_DOM_NODES);
    let found = false;
    for (let x = box.x + 160; x < box.x + box.width - 10 && !found; x += 12) {
      for (const dy of view === 'lanes' ? [40, 80, 120] : [28, 46]) {
        await page.mouse.move(x, box.y + dy);
        if (await tooltip.isVisible()) {
          found = true;
          break;
        }
      }
    }
    expect(found, `a span under the pointer in the ${view} view`).toBe(true);
    await expect(tooltip).toContainText('Request #');
    await app.screenshot(`06-hover-${view}`);
  }
});

test('keyboard: +/- zoom, arrows pan and stop following, Space runs and stops', async ({ page, app }) => {
  await app.open();
  await app.pickPreset('sync-workers');
  await app.setKnob('knob-requests', 300);
  await page.locator('h1').click();

  await page.keyboard.press('Space');
  await expect(app.status()).toHaveText('running');
  await expect.poll(() => app.drawnRects(), { timeout: 30_000 }).toBeGreaterThan(0);
  const follow = page.getByTestId('follow');
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await page.locator('h1').click();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('f');
  await expect(follow).toHaveAttribute('aria-pressed', 'true');

  await page.keyboard.press('Space');
  expect(await app.waitUntilFinished()).toBe('stopped');
  await page.keyboard.press('0');
  await app.screenshot('07-keyboard-fit');
});

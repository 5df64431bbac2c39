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

  // Setting the Requests knob scrolled the page down to it: back to the top, the timeline in view.
  await page.evaluate('window.scrollTo(0, 0)');
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
  test.setTimeout(180_000);
  await app.open();
  await app.pickPreset('sync-workers');
  // About two minutes of load (40 requests a second): the run is still live whenever the test
  // looks, however slowly a loaded machine gets there; Space stops it at the end.
  await app.setKnob('knob-requests', 5000);
  await page.locator('h1').click();

  await page.keyboard.press('Space');
  await expect(app.status()).toHaveText('running');
  await expect.poll(() => app.drawnRects(), { timeout: 0 }).toBeGreaterThan(0);
  const follow = page.getByTestId('follow');
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await page.locator('h1').click();

  // Two steps in of 1.5 each: the window then shows 2.25 times less time. Following keeps the
  // zoom (it only moves the window), so the ratio is exact whenever the next frame is drawn.
  const before = await app.timeWindow();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect
    .poll(async () => before.windowUs / (await app.timeWindow()).windowUs, { timeout: 0 })
    .toBeCloseTo(2.25, 6);
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  // One step out: 1.5 times less zoomed in than after the two steps in.
  await page.keyboard.press('-');
  await expect
    .poll(async () => before.windowUs / (await app.timeWindow()).windowUs, { timeout: 0 })
    .toBeCloseTo(1.5, 6);

  // A pan stops following; from then on the window stays where the keys put it: a fifth of its
  // width per arrow, right then left, back to the same place.
  await page.keyboard.press('ArrowLeft');
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  const panned = await app.timeWindow();
  const fifth = panned.windowUs / 5;
  await page.keyboard.press('ArrowRight');
  await expect
    .poll(async () => (await app.timeWindow()).startUs - panned.startUs, { timeout: 0 })
    .toBeCloseTo(fifth, 1);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await app.timeWindow()).startUs, { timeout: 0 }).toBeCloseTo(panned.startUs, 1);
  await page.keyboard.press('f');
  await expect(follow).toHaveAttribute('aria-pressed', 'true');

  await expect(app.status()).toHaveText('running');
  await page.keyboard.press('Space');
  expect(await app.waitUntilFinished()).toBe('stopped');
  // A live run that ends while followed is fitted whole; + zooms into it and 0 fits it again.
  await expect(follow).toHaveAttribute('aria-pressed', 'false', { timeout: 0 });
  const fitted = await app.timeWindow();
  await page.keyboard.press('+');
  await expect
    .poll(async () => fitted.windowUs / (await app.timeWindow()).windowUs, { timeout: 0 })
    .toBeCloseTo(1.5, 6);
  await page.keyboard.press('0');
  await expect.poll(() => app.timeWindow(), { timeout: 0 }).toEqual(fitted);
  await app.screenshot('07-keyboard-fit');
});

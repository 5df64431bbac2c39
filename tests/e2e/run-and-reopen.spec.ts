/**
 * The main journey: pick a preset, move sliders (the bound answers at once), run, see bars while
 * the run is still going, stop it, run something else, then reopen the first run from history
 * and see exactly the numbers it stopped with. Screenshots of each view go to artifacts/.
 */
import { expect } from '@playwright/test';
import { MAX_DOM_NODES, test } from './app-page.ts';

/**
 * Page-side: accumulate layout-shift scores not caused by input (a string: the page has no eval,
 * CDP does). The run history is left out: a new run is meant to appear at its top and move the
 * older ones down, and the more runs the suite has stored before, the larger that shift.
 */
const LAYOUT_SHIFT_PROBE = `window.layoutShift = 0;
const inHistory = (s) => {
  const el = s.node && (s.node.closest ? s.node : s.node.parentElement);
  return Boolean(el && el.closest('[data-testid="history"]'));
};
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    if (!e.hadRecentInput && !(e.sources.length && e.sources.every(inHistory))) window.layoutShift += e.value;
}).observe({ type: 'layout-shift' });`;

test('pick, tune, run, watch it stream, stop, and reopen it from history with the same numbers', async ({
  page,
  app,
}) => {
  await app.open();

  await app.pickPreset('sync-workers');
  await expect(page.getByTestId('preset-explanation')).toContainText('gunicorn');
  await expect(page.getByTestId('bound-min-latency')).toHaveText('100 ms');

  // The latency slider, moved with the keyboard, changes the bound at once.
  const latency = app.knob('knob-latency');
  await latency.slider.focus();
  for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowLeft');
  const movedTo = Number(await latency.number.inputValue());
  expect(movedTo).toBeLessThan(100);
  await expect(page.getByTestId('bound-min-latency')).not.toHaveText('100 ms');
  // Then typed exactly, with the other knobs.
  await app.setKnob('knob-latency', 40);
  await expect(page.getByTestId('bound-min-latency')).toHaveText('40 ms');
  await app.setKnob('knob-workers', 3);
  await expect(page.getByTestId('bound-bottleneck')).toHaveText('the sync workers');
  await app.setKnob('knob-concurrency', 6);
  await app.setKnob('knob-requests', 1500);
  await expect(page.getByTestId('preset-explanation')).toContainText('Edited');
  await app.screenshot('01-settings');

  // Nothing may jump while the run streams in: sum the layout shifts Chromium reports.
  await page.evaluate(LAYOUT_SHIFT_PROBE);
  await page.getByTestId('run').click();
  await expect(app.status()).toHaveText('running');
  // Bars appear while the run is still going.
  await expect.poll(() => app.drawnRects(), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(app.status()).toHaveText('running');
  await expect(page.getByTestId('summary-requests')).toHaveText(/^[1-9][\d,]*$/);
  await app.screenshot('02-live-lanes');
  expect(await app.domNodes()).toBeLessThanOrEqual(MAX_DOM_NODES);
  // The waterfall follows the newest requests while they arrive.
  await page.getByTestId('view-requests').click();
  await expect(app.status()).toHaveText('running');
  await page.waitForTimeout(600);
  await app.screenshot('02-live-requests');
  expect(await app.domNodes()).toBeLessThanOrEqual(MAX_DOM_NODES);
  await page.getByTestId('view-lanes').click();

  const stoppedRun = (await page.getByTestId('history').locator('li.current').getAttribute('data-testid'))!;
  await page.waitForTimeout(1_500);
  expect(await page.evaluate('window.layoutShift')).toBeLessThan(0.01);
  await page.getByTestId('stop').click();
  expect(await app.waitUntilFinished()).toBe('stopped');
  const stoppedWith = await app.summary();
  expect(Number(stoppedWith.requests.replace(/,/g, ''))).toBeLessThan(1500);
  await app.screenshot('03-stopped-lanes');
  await page.getByTestId('view-requests').click();
  await expect(app.canvas()).toHaveAttribute('data-mode', 'requests');
  await expect.poll(() => app.drawnRects()).toBeGreaterThan(0);
  // The live waterfall followed the newest requests; the finished one opens at its start.
  await expect(app.canvas()).toHaveAttribute('data-first-row', '#0');
  expect(await app.domNodes()).toBeLessThanOrEqual(MAX_DOM_NODES);
  await app.screenshot('04-stopped-requests');

  // Another run takes the screen…
  await app.pickPreset('async-await');
  await app.setKnob('knob-requests', 20);
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  await expect(page.getByTestId('summary-requests')).toHaveText('20');
  await expect(page.getByTestId('other-settings')).toHaveCount(0);
  // The finished run says what happened, in the report's own words, beside the timeline.
  await expect(page.getByTestId('story')).toContainText('What happened');
  await expect(page.getByTestId('story')).toContainText('No request held the event loop');

  // …and the first one comes back exactly as it was.
  await expect(page.getByTestId(stoppedRun)).not.toHaveClass(/current/);
  await page
    .getByTestId(stoppedRun)
    .getByRole('button', { name: /Sync views/ })
    .click();
  await expect(app.status()).toHaveText('stopped');
  await expect.poll(() => app.summary()).toEqual(stoppedWith);
  await expect.poll(() => app.drawnRects()).toBeGreaterThan(0);
  await expect(page.getByTestId('story')).toContainText('The run was stopped early by hand.');
  // Its settings came with it: the sliders and What to expect describe the run on screen.
  await expect(page.getByLabel('Preset')).toHaveValue(/^run:\d+$/);
  await expect(app.knob('knob-workers').number).toHaveValue('3');
  await expect(app.knob('knob-concurrency').number).toHaveValue('6');
  await expect(page.getByTestId('bound-min-latency')).toHaveText('40 ms');
  await expect(page.getByTestId('other-settings')).toHaveCount(0);
  await app.screenshot('05-reopened');
  // Another preset: the run on screen is marked as not what the settings describe.
  await app.pickPreset('async-await');
  await expect(page.getByTestId('other-settings')).toBeVisible();

  // And after a reload, from a fresh page.
  await page.reload();
  await expect(page.getByTestId('connection')).toContainText('browser mode');
  await page
    .getByTestId(stoppedRun)
    .getByRole('button', { name: /Sync views/ })
    .click();
  await expect.poll(() => app.summary()).toEqual(stoppedWith);
});

/**
 * While a run streams, its five charts are canvases that keep drawing as responses arrive; once
 * it ends, recharts draws them (gridlines, tooltips) in the same frames, so nothing on the page
 * moves. Their series and the live numbers are computed in the analysis worker. Screenshots of
 * both states, light and dark, go to artifacts/.
 *
 * The test waits on the page's state, never on time: the run is long (ten minutes of load), so it
 * cannot end while the test still watches it live, and the test stops it once it has seen every
 * chart draw and the throughput line grow. A loaded machine makes that take longer, not fail: on
 * an idle one it takes seconds; with a load average of 40 on two cores (a hundred executor threads
 * to start), two minutes. The test's own timeout, five minutes, is the only bound.
 */
import { expect, type Page } from '@playwright/test';
import { test } from './app-page.ts';

const CHARTS = ['chart-throughput', 'chart-in-flight', 'chart-latency', 'chart-histogram', 'chart-loop'];

/** Points or bars the chart's canvas drew in its last frame (0 when it has no canvas). */
async function drawnMarks(page: Page, testId: string): Promise<number> {
  const canvas = page.getByTestId(testId).locator('canvas');
  if ((await canvas.count()) === 0) return 0;
  return Number((await canvas.getAttribute('data-marks')) ?? 0);
}

/**
 * Each chart's box relative to the first chart's top: the charts keep their places in their grid.
 * (The grid itself moves down when a finished run's "What happened" appears above the timeline.)
 */
async function chartBoxes(page: Page) {
  const boxes = await Promise.all(CHARTS.map((id) => page.getByTestId(id).boundingBox()));
  const top = boxes[0]?.y ?? 0;
  return boxes.map((b) => b && { ...b, y: b.y - top });
}

for (const [scheme, first] of [
  ['light', 15],
  ['dark', 17],
] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test(`live charts draw on canvases, then recharts takes the same places (${scheme})`, async ({ page, app }) => {
      const prefix = scheme === 'light' ? '' : 'dark-';
      test.setTimeout(300_000);
      await app.open();
      await app.pickPreset('shop-mix');
      // An open load at 60 requests/s with loop delay to draw, far longer than the test watches it.
      await app.setKnob('knob-duration', 600);
      await page.getByTestId('run').click();
      await expect(app.status()).toHaveText('running', { timeout: 0 });
      for (const id of CHARTS)
        await expect.poll(() => drawnMarks(page, id), { timeout: 0, message: id }).toBeGreaterThan(0);
      // Later updates keep drawing: the throughput line grows as the run goes on.
      const early = await drawnMarks(page, 'chart-throughput');
      await expect.poll(() => drawnMarks(page, 'chart-throughput'), { timeout: 0 }).toBeGreaterThan(early);
      await expect(app.status()).toHaveText('running');
      // The live numbers and series come from the analysis worker (renderer/src/analysis/).
      expect(page.workers().some((w) => w.url().includes('analysis.worker'))).toBe(true);
      await expect(page.getByTestId('summary-requests')).toHaveText(/^[1-9][\d,]*$/);
      const liveBoxes = await chartBoxes(page);
      await app.screenshot(`${first}-${prefix}live-charts`);

      await page.getByTestId('stop').click();
      expect(await app.waitUntilFinished(0)).toBe('stopped');
      await expect(page.locator('.charts canvas')).toHaveCount(0);
      for (const id of CHARTS) await expect(page.getByTestId(id).locator('.recharts-surface').first()).toBeVisible();
      expect(await chartBoxes(page)).toEqual(liveBoxes);
      await app.screenshot(`${first + 1}-${prefix}still-charts`);
    });
  });
}

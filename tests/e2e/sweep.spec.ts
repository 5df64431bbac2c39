/**
 * A concurrency sweep from the app, on the model: the sync-workers preset swept from 1 to 16
 * users. The progress line names the steps, the chart draws throughput, p50, p95 and the fitted
 * curve against users, the verdict says "about 4 at a time" (3 to 5 on a busy machine), and "Open
 * as a scenario" loads the preset with that many workers and the measured latency. Screenshots of the panel go to artifacts/.
 */
import { expect } from '@playwright/test';
import { test } from './app-page.ts';

test('sweep the sync-workers preset from 1 to 16 users: progress, chart, verdict, open as a scenario', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  await app.open();
  await app.pickPreset('sync-workers');
  await page.getByTestId('sweep-to').fill('16');
  await page.getByTestId('sweep').click();

  const panel = page.getByTestId('sweep-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('sweep-progress')).toHaveText(/^step [1-6] of 6: \d+ users?, /, { timeout: 30_000 });
  // While it goes, Run waits and the sweep's button stops it.
  await expect(page.getByTestId('stop-sweep')).toBeVisible();
  await expect(page.getByTestId('sweep-progress')).toHaveText(/^step [3-6] of 6/, { timeout: 120_000 });
  await app.screenshot('sweep-01-running');

  await expect(page.getByTestId('sweep-status')).toHaveText('complete', { timeout: 180_000 });
  await expect(page.getByTestId('sweep-progress')).toHaveText('6 of 6 steps');
  const verdict = page.getByTestId('sweep-verdict');
  // About 4 at a time; a machine busy with other work can starve a worker thread, so 3 to 5.
  await expect(verdict).toHaveText(
    /^Serves about [345] requests at a time while each takes [\d.]+ ms alone: like [345] sync workers\.$/,
  );
  // The chart drew its four lines: throughput, the fitted curve, p50 and p95, with a dot per step (1 user twice) on three.
  const chart = page.getByTestId('sweep-chart');
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(4);
  await expect(chart.locator('.recharts-line-dots circle')).toHaveCount(18);
  // The users axis is ticked at each planned number of users, once (the y axes' ticks carry units).
  for (const users of ['1', '2', '4', '8', '16'])
    await expect(
      chart.locator('.recharts-cartesian-axis-tick-value').filter({ hasText: new RegExp(`^${users}$`) }),
    ).toHaveCount(1);
  await expect(page.getByTestId('sweep-table').locator('tbody tr')).toHaveCount(6);
  await expect(page.getByTestId('sweep-fit')).toContainText('σ');
  await panel.screenshot({ path: 'artifacts/screenshots/sweep-02-panel.png' });
  await app.screenshot('sweep-03-page');

  // The preset that behaves the same way, with what was measured.
  const sentence = await verdict.innerText();
  const measured = Number(sentence.match(/takes ([\d.]+) ms alone/)![1]);
  const workers = sentence.match(/like (\d+) sync workers/)![1];
  await page.getByTestId('sweep-open-scenario').click();
  await expect(page.getByLabel('Preset')).toHaveValue('sync-workers');
  await expect(app.knob('knob-workers').number).toHaveValue(workers);
  expect(Math.abs(Number(await app.knob('knob-latency').number.inputValue()) - measured)).toBeLessThan(1);
  await expect(page.getByTestId('run')).toBeEnabled();
  await app.screenshot('sweep-04-opened-as-scenario');

  // Stored: it can be shown again after a reload.
  await page.reload();
  await expect(page.getByTestId('connection')).toContainText('browser mode');
  const stored = page.getByTestId('sweep-history');
  await stored.selectOption({ index: 1 });
  await expect(page.getByTestId('sweep-verdict')).toHaveText(sentence);
});

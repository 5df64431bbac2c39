/**
 * The first five minutes: a fresh store shows "Start here"; its one button runs the contrast
 * (await asyncio.sleep against time.sleep in an async view) and opens the comparison with both
 * waterfalls on one time axis, each with its cause in words. And the default preset, whose
 * awaits hold no thread, opens in the view that shows its story: the waterfall, drawn.
 */
import { expect } from '@playwright/test';
import { test } from './app-page.ts';
import { startHost, type HostProcess } from './host-process.ts';

let host: HostProcess | null = null;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host?.stop();
  host = null;
});

test('a fresh store offers the contrast; it runs both and compares them on one time axis', async ({ page, app }) => {
  await app.open(host!.url);
  const card = page.getByTestId('first-run');
  await expect(card).toContainText('time.sleep(0.1)');
  await app.screenshot('20-first-screen');
  await page.getByTestId('run-contrast').click();

  const timelines = page.getByTestId('comparison-timelines');
  await expect(timelines).toBeVisible({ timeout: 60_000 });
  await expect(card).toHaveCount(0);
  const [awaiting, sleeping] = [page.getByTestId('comparison-timeline-0'), page.getByTestId('comparison-timeline-1')];
  await expect(awaiting).toContainText('Limited by the load itself. No request held the event loop');
  await expect(sleeping).toContainText('Limited by the event loop. The event loop was blocked');
  // Each waterfall draws its requests: ten users, thirty requests, one row (and its spans) each.
  await expect.poll(() => awaiting.locator('rect').count()).toBeGreaterThanOrEqual(30);
  await expect.poll(() => sleeping.locator('rect').count()).toBeGreaterThanOrEqual(30);
  await expect(page.getByTestId('comparison-sentence')).toContainText('slower');
  await app.screenshot('21-contrast');
});

test('Run on the default preset opens the waterfall, drawn, with the story beside it', async ({ page, app }) => {
  await app.open(host!.url);
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');
  await expect(app.canvas()).toHaveAttribute('data-mode', 'requests');
  await expect.poll(() => app.drawnRects()).toBeGreaterThan(0);
  await expect(page.getByTestId('story')).toContainText('No request held the event loop');
  await app.screenshot('22-first-run');
});

test('a preset chosen asks the host to start its threads ahead, once the choice has rested', async ({ page, app }) => {
  const sent: string[] = [];
  page.on('websocket', (ws) => ws.on('framesent', (frame) => sent.push(String(frame.payload))));
  await app.open(host!.url);
  await app.pickPreset('sync-workers');
  // The bridge carries { method, args }: the scenario on screen, the sync-workers preset's.
  const asked = () => sent.filter((f) => f.includes('"prepareRun"')).map((f) => JSON.parse(f) as { args?: unknown[] });
  await expect
    .poll(() => asked().some((f) => JSON.stringify(f.args ?? []).includes('"model":"sync-workers"')))
    .toBe(true);
});

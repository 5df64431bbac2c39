/**
 * Every panel shows the same moment while a run streams. An async view that calls time.sleep
 * blocks its loop in every request, back to back: the loop answered request after request from
 * one poll of its sockets and its flush timer never fired, so the live view showed request #0
 * alone until the end while the progress bar (fed by the load generator's thread) read 90 / 200.
 */
import { expect } from '@playwright/test';
import { test } from './app-page.ts';

/** "34 / 60 · 3.41 s" → 34. */
function doneOf(progress: string): number {
  return Number(/(\d+) \/ \d+/.exec(progress)?.[1] ?? 0);
}

test('time.sleep at 60 users: mid-run, the Requests tile and the timeline keep up with the progress', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  await app.open();
  await app.pickPreset('async-time-sleep');
  await app.setKnob('knob-concurrency', 60);
  await app.setKnob('knob-requests', 60);
  await page.getByTestId('run').click();
  const progress = page.getByTestId('progress');
  // 60 requests of 100 ms one after another: about 6 s. Read the panels once 20 are answered.
  await expect.poll(async () => doneOf(await progress.innerText()), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
  const tile = await page.getByTestId('summary-requests').innerText();
  const stillRunning = (await app.status().innerText()).includes('running');
  expect(stillRunning, 'the run ended before the panels could be read mid-run').toBe(true);
  // The tile reads the records the view received; one flush (50 ms) behind the progress at most.
  expect(Number(/\d+/.exec(tile)?.[0])).toBeGreaterThanOrEqual(10);
  expect(Number(await app.canvas().getAttribute('data-tracks'))).toBeGreaterThan(0);
  expect(await app.drawnRects()).toBeGreaterThanOrEqual(10);
  await app.screenshot('live-time-sleep-mid-run');
  expect(await app.waitUntilFinished(90_000)).toBe('complete');
});

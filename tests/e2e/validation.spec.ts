/** Settings the host would refuse are explained inline, in the host's words, and cannot be run. */
import { expect } from '@playwright/test';
import { test } from './app-page.ts';

test('too many users for the per-request executor: a readable message, no run, no crash', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await app.open();
  await app.pickPreset('async-orm-per-request');
  await app.setKnob('knob-concurrency', 300);
  const problems = page.getByTestId('problems');
  await expect(problems).toContainText('load.concurrency');
  await expect(problems).toContainText('256');
  await expect(page.getByTestId('run')).toBeDisabled();
  await app.screenshot('08-validation');
  // A typed value outside the slider's limits is flagged and not applied.
  await app.knob('knob-latency').number.fill('70000');
  await expect(app.knob('knob-latency').number).toHaveAttribute('aria-invalid', 'true');
  await expect(app.knob('knob-latency').number).toHaveAttribute('title', /allowed 0–60,000 ms/);
  await app.setKnob('knob-concurrency', 20);
  await expect(problems).toHaveCount(0);
  // Leaving the box put back the value in force: the bound still says 100 ms.
  await expect(app.knob('knob-latency').number).toHaveValue('100');
  await expect(page.getByTestId('bound-min-latency')).toHaveText('100 ms');
  await expect(page.getByTestId('run')).toBeEnabled();
  expect(errors).toEqual([]);
});

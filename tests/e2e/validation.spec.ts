/**
 * What is typed into a number box stays exactly as typed. Settings the host would refuse are
 * explained inline, in the command line's words (field, value, what is allowed), and cannot
 * be run; nothing is cut short, rewritten or silently put back.
 */
import { expect } from '@playwright/test';
import { test, type AppPage } from './app-page.ts';

/** Types `text` key by key into a box (as a person would, replacing what it held), then leaves it. */
async function typeInto(app: AppPage, testId: string, text: string): Promise<void> {
  const box = app.knob(testId).number;
  await box.click();
  await box.press('ControlOrMeta+a');
  await box.pressSequentially(text);
  await box.press('Tab');
}

// The values a new user typed, and what the command line says for the same field.
const REFUSED: { preset: string; knob: string; typed: string; message: string }[] = [
  {
    preset: 'async-await',
    knob: 'knob-requests',
    typed: '1e308',
    message: 'load.end.count is 1e+308; allowed at most 1000000',
  },
  {
    preset: 'async-await',
    knob: 'knob-concurrency',
    typed: '5000',
    message: 'load.concurrency is 5000; allowed at most 1000',
  },
  {
    preset: 'async-time-sleep',
    knob: 'knob-blocking',
    typed: '150%',
    message: 'blockingPercent is 150; allowed at most 100',
  },
  { preset: 'async-await', knob: 'knob-latency', typed: '-50', message: 'latencyMs is -50; allowed at least 0' },
];

for (const { preset, knob, typed, message } of REFUSED) {
  test(`${knob} "${typed}": kept as typed, explained, and Run disabled`, async ({ page, app }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await app.open();
    await app.pickPreset(preset);
    await typeInto(app, knob, typed);
    await expect(app.knob(knob).number).toHaveValue(typed);
    await expect(app.knob(knob).number).toHaveAttribute('aria-invalid', 'true');
    await expect(app.knob(knob).problem).toHaveText(message);
    await expect(page.getByTestId('problems')).toHaveText(message);
    // The field name is code, as in the command line's message (`load.concurrency`).
    await expect(page.getByTestId('problems').locator('code')).toHaveCount(1);
    const run = page.getByTestId('run');
    await expect(run).toBeDisabled();
    await expect(run).toHaveAttribute('title', `Cannot run: ${message}`);
    // Leaving the box and coming back changes nothing.
    await page.getByLabel('Preset').focus();
    await expect(app.knob(knob).number).toHaveValue(typed);
    await app.screenshot(`08-refused-${knob}`);
    // An allowed value clears it.
    await typeInto(app, knob, '20');
    await expect(app.knob(knob).problem).toHaveCount(0);
    await expect(page.getByTestId('problems')).toHaveCount(0);
    await expect(run).toBeEnabled();
    expect(errors).toEqual([]);
  });
}

test('too many users for the per-request executor: the host’s reason, no run, no crash', async ({ page, app }) => {
  await app.open();
  await app.pickPreset('async-orm-per-request');
  await app.setKnob('knob-concurrency', 300);
  const problems = page.getByTestId('problems');
  await expect(problems).toContainText('load.concurrency');
  await expect(problems).toContainText('256');
  await expect(page.getByTestId('run')).toBeDisabled();
  await app.screenshot('08-validation');
  await app.setKnob('knob-concurrency', 20);
  await expect(problems).toHaveCount(0);
  await expect(page.getByTestId('run')).toBeEnabled();
});

test('Space in a number box types nothing: the box keeps its text and no run starts', async ({ page, app }) => {
  await app.open();
  await app.pickPreset('async-await');
  const box = app.knob('knob-requests').number;
  const before = await box.inputValue();
  await box.click();
  await box.press('End');
  await box.press('ArrowLeft');
  await box.press(' ');
  await expect(box).toHaveValue(before);
  await box.press('Home');
  await box.press(' ');
  await expect(box).toHaveValue(before);
  await expect(page.getByTestId('stop')).toHaveCount(0);
  await expect(page.getByTestId('progress')).toContainText('idle');
  await expect(page.getByTestId('problems')).toHaveCount(0);
});

test('latency: a log slider marked at 1, 10, 100, 1,000 and 10,000 ms; a typed value stays exact', async ({
  page,
  app,
}) => {
  await app.open();
  await app.pickPreset('async-await');
  const latency = app.knob('knob-latency');
  await expect(page.getByTestId('knob-latency').locator('.marks span')).toHaveText([
    '1',
    '10',
    '100',
    '1,000',
    '10,000',
  ]);
  // 100 ms at 0.02 + 2 × 0.98 / log10(60 000) = 0.4302 of the travel (1000 steps).
  await expect(latency.slider).toHaveValue('430');
  await typeInto(app, 'knob-latency', '1234.5');
  await expect(latency.number).toHaveValue('1234.5');
  // The nearest position: 0.02 + 0.98 × log10(1234.5) / log10(60 000) = 0.6540.
  await expect(latency.slider).toHaveValue('654');
  // From there the arrow keys go to the slider's next value each way.
  await latency.slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(latency.number).toHaveValue('1300');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(latency.number).toHaveValue('1100');
  await app.screenshot('08-latency-scale');
});

/**
 * "Run on: model / real Django / both" in its two states: on the suite's host, which finds the
 * .venv (`npm run setup:python`), real Django can be picked and a line names the versions; on a
 * host started with INTERLEAVE_PYTHON=/nonexistent, real Django and both are disabled and the
 * host's sentence says why. Screenshots of the settings panel in both states.
 */
import { mkdirSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { SCREENSHOT_DIR, test } from './app-page.ts';
import { startHost, type HostProcess } from './host-process.ts';

function runOn(page: Page) {
  const group = page.getByRole('radiogroup', { name: 'Run on' });
  return {
    group,
    model: group.getByRole('radio', { name: 'model' }),
    django: group.getByRole('radio', { name: 'real Django' }),
    both: group.getByRole('radio', { name: 'both' }),
  };
}

async function screenshotSettings(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.locator('section.knobs').screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
}

test('with Django found: all three choices, and the versions a real-Django run uses', async ({ page, app }) => {
  await app.open();
  const { model, django, both } = runOn(page);
  await expect(model).toBeChecked();
  await expect(django).toBeEnabled();
  await expect(both).toBeEnabled();
  const versions = page.getByTestId('run-on-versions');
  await expect(versions).toHaveText(
    /^Real Django available: Django 5\.2\.17 · uvicorn 0\.54\.0 · gunicorn 26\.2\.0 · Python 3\.\d+\.\d+$/,
  );
  await expect(page.getByTestId('run-on-reason')).toHaveCount(0);

  await django.check();
  await expect(django).toBeChecked();
  await expect(versions).toHaveText(/^Real Django runs use: Django 5\.2\.17 · uvicorn 0\.54\.0 · gunicorn 26\.2\.0/);
  await screenshotSettings(page, 'run-on-ready');
  await both.check();
  await expect(both).toBeChecked();
  // The choice outlives a change of preset; the knobs of the new preset come with it.
  await app.pickPreset('async-await');
  await expect(both).toBeChecked();
  await model.check();
  await expect(versions).toHaveText(/^Real Django available: /);
});

test.describe('with INTERLEAVE_PYTHON=/nonexistent', () => {
  let host: HostProcess | null = null;
  test.beforeAll(async () => {
    host = await startHost({ INTERLEAVE_PYTHON: '/nonexistent' });
  });
  test.afterAll(async () => {
    await host?.stop();
  });

  test('real Django and both are disabled, with the sentence saying why; the model still runs', async ({
    page,
    app,
  }) => {
    await app.open(host!.url);
    const { model, django, both } = runOn(page);
    const reason = page.getByTestId('run-on-reason');
    await expect(reason).toHaveText(
      'INTERLEAVE_PYTHON is /nonexistent, which does not exist; point it at a Python with Django, uvicorn and gunicorn, or unset it to look in .venv and on PATH.',
    );
    await expect(model).toBeChecked();
    await expect(django).toBeDisabled();
    await expect(both).toBeDisabled();
    await expect(page.getByTestId('run-on-versions')).toHaveCount(0);
    const djangoLabel = runOn(page).group.locator('label').filter({ hasText: 'real Django' });
    await expect(djangoLabel).toHaveAttribute('title', /^INTERLEAVE_PYTHON is \/nonexistent/);
    await screenshotSettings(page, 'run-on-not-ready');

    await app.setKnob('knob-requests', 10);
    await page.getByTestId('run').click();
    expect(await app.waitUntilFinished()).toBe('complete');
  });
});

test("both: the model, then real Django, then the comparison of the two; Django's worker processes drawn", async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await app.open();
  await app.pickPreset('sync-workers');
  await app.setKnob('knob-requests', 10);
  await runOn(page).both.check();
  await page.getByTestId('run').click();
  const sentence = page.getByTestId('comparison-sentence');
  await expect(sentence).toContainText('real Django 5.2: sync workers (4)', { timeout: 150_000 });
  await expect(sentence).toContainText('sync workers (4): p95');
  await app.screenshot('run-on-both-compare');
  await page.getByTestId('close-comparison').click();
  // The current run is real Django's: its lanes are gunicorn's worker processes, drawn.
  await expect(page.getByTestId('run-name')).toContainText('Django 5.2');
  expect(await app.drawnRects()).toBeGreaterThan(0);
  await app.screenshot('run-on-django-lanes');
});

/**
 * "Target: built-in server / real Django / both / URL" in its states: on the suite's host, which
 * finds the .venv (`npm run setup:python`), real Django can be picked and a line names the
 * versions; on a host started with INTERLEAVE_PYTHON=/nonexistent, real Django and both are
 * disabled and the host's sentence says why; URL runs the load against a loopback HTTP server
 * this spec starts (and closes), says what a bad URL is, and asks before a host that is not this
 * machine; a URL run at a Django project of its own with the probe draws its real threads.
 * Screenshots of the settings panel and of URL runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { SCREENSHOT_DIR, test } from './app-page.ts';
import { startHost, type HostProcess } from './host-process.ts';

function runOn(page: Page) {
  const group = page.getByRole('radiogroup', { name: 'Target' });
  return {
    group,
    model: group.getByRole('radio', { name: 'built-in server' }),
    django: group.getByRole('radio', { name: 'real Django' }),
    both: group.getByRole('radio', { name: 'both' }),
    url: group.getByRole('radio', { name: 'URL' }),
  };
}

/** A Node HTTP server on 127.0.0.1 for one describe block's tests; the function gives its address once up. */
function serveDuringBlock(handler: RequestListener): () => string {
  let server: Server | null = null;
  let base = '';
  test.beforeAll(async () => {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });
  return () => base;
}

async function screenshotSettings(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.locator('section.knobs').screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
}

test('with Django found: every choice, and the versions a real-Django run uses', async ({ page, app }) => {
  await app.open();
  const { model, django, both } = runOn(page);
  await expect(model).toBeChecked();
  await expect(django).toBeEnabled();
  await expect(both).toBeEnabled();
  await expect(runOn(page).url).toBeEnabled();
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

test.describe('URL: your own server on loopback', () => {
  const paths: string[] = [];
  // A tiny server that answers after 30 ms: 200 for /api/items, 404 for anything else.
  const base = serveDuringBlock((req, res) => {
    paths.push(`${req.method} ${req.url}`);
    setTimeout(() => res.writeHead(req.url === '/api/items' ? 200 : 404).end('ok'), 30);
  });

  test('a bad URL is named beside its field; a remote host is asked about; a loopback URL runs and says so', async ({
    page,
    app,
  }) => {
    await app.open();
    await runOn(page).url.check();
    await expect(page.getByTestId('run-on-url-note')).toContainText(
      'the server and view settings below describe nothing',
    );
    await expect(page.getByTestId('bound-note')).toHaveText(/^Nothing to predict: a URL run measures your own server/);
    await expect(app.knob('knob-latency').number).toBeDisabled();
    const field = page.locator('#target-url');
    await field.fill('127.0.0.1:8000/api');
    await expect(page.getByTestId('target-url-problem')).toHaveText(
      'URL is "127.0.0.1:8000/api"; allowed an absolute http:// or https:// URL such as http://127.0.0.1:8000/api/items',
    );
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('run')).toBeDisabled();

    // A host that is not this machine: asked first, naming it; declined, nothing runs.
    await field.fill('http://example.invalid/api');
    await expect(page.getByTestId('target-url-problem')).toHaveCount(0);
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByTestId('run').click();
    await expect
      .poll(() => asked)
      .toEqual([
        "Send this run's load to example.invalid? It is not this machine (127.0.0.0/8, ::1, localhost). Load only a server you may load.",
      ]);
    await expect(page.getByTestId('run-status')).toHaveCount(0);

    await page.getByLabel('Method').selectOption('GET');
    await field.fill(`${base()}/api/items`);
    await app.setKnob('knob-requests', 12);
    await app.setKnob('knob-concurrency', 3);
    await screenshotSettings(page, 'target-url');
    await page.getByTestId('run').click();
    expect(await app.waitUntilFinished()).toBe('complete');
    await expect(page.getByTestId('run-name')).toHaveText(`GET ${base()}/api/items`);
    await expect(page.getByTestId('run-target')).toHaveText(
      `Ran against GET ${base()}/api/items. Server threads are not visible: a URL run sees each request from the client's side only, unless the server adds Interleave's Server-Timing middleware.`,
    );
    const numbers = await app.summary();
    expect(numbers.requests).toBe('12');
    expect(numbers.errors).toBe('0 (0%)');
    expect(Number.parseFloat(numbers.p50)).toBeGreaterThanOrEqual(30);
    expect(paths).toEqual(Array.from({ length: 12 }, () => 'GET /api/items'));
    await app.screenshot('target-url-run');
    // No server threads to draw: the run opens on the requests, each as the client saw it…
    await expect(app.canvas()).toHaveAttribute('data-mode', 'requests');
    await expect.poll(() => app.drawnRects()).toBeGreaterThanOrEqual(12);
    // …and the lanes view has nothing to show.
    await page.getByTestId('view-lanes').click();
    await expect(app.canvas()).toHaveAttribute('data-tracks', '0');
    await page.getByTestId('view-requests').click();
    await app.screenshot('target-url-requests');
  });
});

test.describe('URL: your own Django with the probe', () => {
  // tests/fixtures/own-django-project (asgi.py wrapped in the probe) under uvicorn, with the
  // probe read from the checkout; stopped by its process group id after the test, whatever happened.
  let django: ChildProcess | null = null;
  let base = '';
  test.beforeAll(async () => {
    const project = mkdtempSync(join(tmpdir(), 'interleave-e2e-own-'));
    cpSync('tests/fixtures/own-django-project', project, { recursive: true });
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const args = ['-m', 'uvicorn', 'usersite.asgi:application', '--host', '127.0.0.1', '--port', String(port)];
    django = spawn(resolve('.venv/bin/python'), [...args, '--no-access-log'], {
      cwd: project,
      detached: true,
      stdio: 'ignore',
      env: {
        ...process.env,
        PYTHONPATH: resolve('main/django/python'),
        DJANGO_SETTINGS_MODULE: 'usersite.settings',
        PYTHONDONTWRITEBYTECODE: '1',
      },
    });
    base = `http://127.0.0.1:${port}`;
    await expect
      .poll(
        () =>
          fetch(`${base}/__interleave__/clock`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 30_000 },
      )
      .toBe(200);
  });
  test.afterAll(() => {
    if (django?.pid) process.kill(-django.pid, 'SIGKILL');
  });

  test("a URL run at it draws Django's real threads: the event loop and sync_to_async's", async ({ page, app }) => {
    await app.open();
    await runOn(page).url.check();
    await page.locator('#target-url').fill(`${base}/report`);
    await app.setKnob('knob-requests', 24);
    await app.setKnob('knob-concurrency', 4);
    await page.getByTestId('run').click();
    expect(await app.waitUntilFinished()).toBe('complete');
    await expect(page.getByTestId('run-target')).toContainText(
      "Server threads are drawn from the Server-Timing metrics of Interleave's probe on the server",
    );
    await page.getByTestId('view-lanes').click();
    const labels = async () => ((await app.canvas().getAttribute('data-row-labels')) ?? '').split('\n');
    await expect.poll(labels).toEqual(expect.arrayContaining([expect.stringMatching(/^event loop \(pid \d+\)$/)]));
    // The def view ran on sync_to_async's threads (Django 4.0+: one per request in flight).
    await expect
      .poll(async () => (await labels()).filter((l) => /^ThreadPoolExecutor/.test(l)).length)
      .toBeGreaterThan(0);
    expect(await app.drawnRects()).toBeGreaterThan(0);
    await app.screenshot('target-url-probed-lanes');
    // The waterfall: each request's client phases, and the probe's view metric inside its wait.
    await page.getByTestId('view-requests').click();
    const card = await app.hoverClientStrip();
    expect(card).toMatch(/Server-Timing: view [\d.]+ (ms|µs|s) "usersite\.views\.report"/);
    await app.screenshot('target-url-probed-requests');
  });
});

test.describe('URL: sweeping your own server', () => {
  // A server that serves one request at a time, 100 ms each: what a blocked event loop looks like.
  // (At 40 ms a loaded machine's timer lateness was a quarter of a step's throughput: too noisy.)
  let free = Promise.resolve();
  const base = serveDuringBlock((_req, res) => {
    free = free.then(
      () =>
        new Promise<void>((done) =>
          setTimeout(() => {
            res.writeHead(200).end('ok');
            done();
          }, 100),
        ),
    );
  });

  test('Sweep on a URL: a bad URL or users count blocks it, a remote host is asked about, a loopback server gets its verdict', async ({
    page,
    app,
  }) => {
    test.setTimeout(120_000);
    await app.open();
    await runOn(page).url.check();
    const field = page.locator('#target-url');
    await field.fill('not a url');
    await expect(page.getByTestId('sweep')).toBeDisabled();
    await expect(page.getByTestId('sweep')).toHaveAttribute('title', /^URL is "not a url"; allowed an absolute/);

    await field.fill('http://example.invalid/api');
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByTestId('sweep').click();
    await expect.poll(() => asked).toEqual([expect.stringMatching(/^Send this run's load to example\.invalid\?/)]);
    await expect(page.getByTestId('sweep-panel')).toHaveCount(0);

    await field.fill(`${base()}/api/items`);
    // "to" as typed: refused with the command line's words, never rounded or brought into range.
    await page.getByTestId('sweep-to').fill('5000');
    await expect(page.getByTestId('sweep-to-problem')).toHaveText(
      'Sweep to is "5000"; allowed a whole number of users from 1 to 256',
    );
    await expect(page.getByTestId('sweep-to')).toHaveValue('5000');
    await expect(page.getByTestId('sweep')).toBeDisabled();
    await page.getByTestId('sweep-to').fill('4');
    await expect(page.getByTestId('sweep-to-problem')).toHaveCount(0);
    await page.getByTestId('sweep').click();
    await expect(page.getByTestId('sweep-status')).toHaveText('complete', { timeout: 90_000 });
    await expect(page.getByTestId('sweep-verdict')).toHaveText(
      /^Serves about 1 request at a time while each takes [\d.]+ ms alone: something blocks the event loop/,
    );
    // Named after what it sent, not the preset's server; no prediction is held against a URL.
    await expect(page.getByTestId('sweep-panel')).toContainText(`sweep · GET ${base()}/api/items`);
    await expect(page.getByTestId('story-expectation')).toHaveCount(0);
    // The last step is on screen, in the view a URL run opens in: its requests.
    await expect(app.canvas()).toHaveAttribute('data-mode', 'requests');
    await expect.poll(() => app.drawnRects()).toBeGreaterThanOrEqual(20);
    await app.screenshot('sweep-url');
  });
});

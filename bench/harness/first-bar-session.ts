/**
 * Run → first bar in Chromium: the browser-mode host over an app (keeping threads warm or not),
 * a preset picked as a user picks it, Run clicked, and the moment the timeline first draws a
 * row of the new run, both on the page's clock. What the run itself took to its first
 * answer comes from the stored run, so Interleave's own share can be told from the request's.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, type App } from '../../main/app/app.ts';
import type { RunEvent } from '../../shared/bridge.ts';
import { findPreset } from '../../shared/presets.ts';
import { showInChromium } from './app-in-chromium.ts';

export interface FirstBar {
  preset: string;
  /** Click on Run to the timeline's first row of the new run, in ms. */
  firstBarMs: number;
  /** Load start to the run's first answer (the request's own latency), in ms. */
  firstAnswerMs: number;
  /** The run's threads, and how many were started ahead (from its last start-up progress). */
  threads: { total: number; warm: number };
}

export interface FirstBarSession {
  /** Runs `preset` once from the UI and measures it. */
  measure(preset: string): Promise<FirstBar>;
  app: App;
  close(): Promise<void>;
}

/**
 * Run in the page before the click (a string: a function's source would carry the bundler's
 * helpers): `window.__firstBar` resolves with the page-clock time at which the timeline canvas
 * first draws a row (a request's or a thread's) after having drawn none (the new run replaces the previous one on
 * 'started', so it passes through an empty frame), or rejects after a minute. The script ends in
 * `undefined`: an evaluated promise would be awaited, and the click would wait for the bar.
 */
const WATCH_FIRST_BAR = `window.__firstBar = new Promise((resolve, reject) => {
  let emptied = false;
  const rows = () => Number(document.querySelector('[data-testid="timeline-canvas"]')?.dataset.tracks ?? 0);
  const observer = new MutationObserver(() => {
    if (!emptied) emptied = rows() === 0;
    else if (rows() > 0) {
      observer.disconnect();
      resolve(performance.now());
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-tracks'] });
  setTimeout(() => reject(new Error('no bar drawn within a minute')), 60000);
}); undefined`;

export async function openFirstBarSession(
  dir: string,
  staticDir: string,
  warmThreads?: number,
): Promise<FirstBarSession> {
  const app = await openApp({ dataDir: join(dir, 'data'), mode: 'browser', warmThreads });
  const shown = await showInChromium(app, staticDir);
  try {
    await shown.page.goto(shown.host.url);
    await shown.page.getByLabel('Preset').waitFor();
  } catch (error) {
    await shown.close();
    throw error;
  }
  return { app, measure: (preset) => measureOne(app, shown.page, preset), close: shown.close };
}

async function measureOne(app: App, page: Page, preset: string): Promise<FirstBar> {
  if (!findPreset(preset)) throw new Error(`no preset ${preset}`);
  await page.getByLabel('Preset').selectOption(preset);
  let threads = { total: 0, warm: 0 };
  let finished!: (e: Extract<RunEvent, { type: 'finished' }>) => void;
  const ended = new Promise<Extract<RunEvent, { type: 'finished' }>>((r) => (finished = r));
  const off = app.on('run', (e) => {
    if (e.type === 'progress' && e.progress.phase === 'starting' && e.progress.threads)
      threads = { total: e.progress.threads.total, warm: e.progress.threads.warm ?? 0 };
    if (e.type === 'finished') finished(e);
  });
  try {
    // Run is there and enabled once the page has its settings and has seen the last run end.
    await page.getByTestId('run').waitFor();
    while (!(await page.getByTestId('run').isEnabled())) await new Promise((r) => setTimeout(r, 20));
    await page.evaluate(WATCH_FIRST_BAR);
    const clickedAt = await page.evaluate(
      `(() => { const at = performance.now(); document.querySelector('[data-testid="run"]').click(); return at; })()`,
    );
    const drawnAt = await page.evaluate('window.__firstBar');
    const { info } = await ended;
    if (info.status !== 'complete') throw new Error(`${preset} ended ${info.status}: ${info.error}`);
    const run = await app.api.loadRun(info.id);
    const firstAnswerUs = Math.min(...run.requests.map((r) => r.received ?? Infinity));
    return {
      preset,
      firstBarMs: (drawnAt as number) - (clickedAt as number),
      firstAnswerMs: firstAnswerUs / 1000,
      threads,
    };
  } finally {
    off();
  }
}

/**
 * The app as the tests drive it: open it, pick presets, set knobs, run, read the numbers, take
 * screenshots. Everything goes through what a user sees (labels, test ids on visible controls).
 */
import { mkdirSync } from 'node:fs';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

export const SCREENSHOT_DIR = 'artifacts/screenshots';
/** The largest page the UI may build in any view (the budget the issue sets). */
export const MAX_DOM_NODES = 1_400;

/** Top of the first request row's client strip, below the time axis (draw-frame-chrome.ts, requests-view.ts). */
const FIRST_CLIENT_STRIP_Y = 22 + 13 + 2;

export function appUrl(): string {
  const url = process.env.INTERLEAVE_E2E_URL;
  if (!url) throw new Error('INTERLEAVE_E2E_URL is not set: the global setup starts the host and sets it');
  return url;
}

export class AppPage {
  constructor(readonly page: Page) {}

  /** Opens the app of the suite's host, or of another host started by the spec. */
  async open(url = appUrl()): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByTestId('connection')).toContainText('browser mode');
    await expect(this.page.getByLabel('Preset')).toBeEnabled();
  }

  async pickPreset(id: string): Promise<void> {
    await this.page.getByLabel('Preset').selectOption(id);
  }

  /** A knob's number box, its slider, and the message under it when what was typed is refused. */
  knob(testId: string): { number: Locator; slider: Locator; problem: Locator } {
    const row = this.page.getByTestId(testId);
    return {
      number: row.locator('input.number'),
      slider: row.locator('input[type=range]'),
      problem: this.page.getByTestId(`${testId}-problem`),
    };
  }

  async setKnob(testId: string, value: number): Promise<void> {
    await this.knob(testId).number.fill(String(value));
    await expect(this.knob(testId).number).toHaveValue(String(value));
  }

  status(): Locator {
    return this.page.getByTestId('run-status');
  }

  canvas(): Locator {
    return this.page.getByTestId('timeline-canvas');
  }

  /** Rectangles drawn on the timeline's last frame (after level of detail). */
  async drawnRects(): Promise<number> {
    return Number((await this.canvas().getAttribute('data-rects')) ?? 0);
  }

  /** The time window the timeline drew last: its left edge and its length (µs on the run's clock). */
  async timeWindow(): Promise<{ startUs: number; windowUs: number }> {
    const canvas = this.canvas();
    return {
      startUs: Number(await canvas.getAttribute('data-start-us')),
      windowUs: Number(await canvas.getAttribute('data-window-us')),
    };
  }

  /** The eight summary numbers as shown, by key. */
  async summary(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const key of ['requests', 'errors', 'throughput', 'p50', 'p95', 'p99', 'max', 'loopBlock']) {
      out[key] = (await this.page.getByTestId(`summary-${key}`).innerText()).replace(/\s+/g, ' ').trim();
    }
    return out;
  }

  async domNodes(): Promise<number> {
    return this.page.locator('*').count();
  }

  /**
   * In the requests view, sweeps the first request's client strip until the hover card describes
   * the request (its client phases and Server-Timing metrics); returns the card's text.
   */
  async hoverClientStrip(): Promise<string> {
    const box = (await this.canvas().boundingBox())!;
    const tooltip = this.page.getByTestId('timeline-tooltip');
    for (let x = box.x + 150; x < box.x + box.width - 10; x += 6) {
      await this.page.mouse.move(x, box.y + FIRST_CLIENT_STRIP_Y);
      if ((await tooltip.isVisible()) && (await tooltip.innerText()).includes('Client')) return tooltip.innerText();
    }
    throw new Error('no client strip under the pointer along the first row');
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await this.page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
  }

  async waitUntilFinished(timeout = 60_000): Promise<string> {
    await expect(this.status()).not.toHaveText('running', { timeout });
    return this.status().innerText();
  }
}

/**
 * `test` with an `app` fixture. Afterwards it stops any run still going, so a failed test cannot
 * leave the host busy for the next one.
 */
export const test = base.extend<{ app: AppPage }>({
  app: async ({ page }, use) => {
    const app = new AppPage(page);
    await use(app);
    const stop = page.getByTestId('stop');
    if (await stop.isVisible().catch(() => false)) {
      await stop.click();
      await expect(app.status()).not.toHaveText('running', { timeout: 30_000 });
    }
  },
});

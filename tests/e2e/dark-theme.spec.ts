/**
 * The system's dark theme reaches the page, the panels, the timeline's canvas and the charts:
 * each takes the dark colour it is given, and text stays readable on what is behind it (WCAG
 * AA: a contrast ratio of at least 4.5).
 */
import { expect, type Page } from '@playwright/test';
import { test } from './app-page.ts';

test.use({ colorScheme: 'dark' });

type Rgb = [number, number, number];

/** "rgb(17, 19, 22)", "rgba(…)" or "#11131a" as numbers. */
function rgb(colour: string): Rgb {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour.trim());
  if (hex) return [1, 2, 3].map((i) => parseInt(hex[i], 16)) as Rgb;
  const parts = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(colour);
  if (!parts) throw new Error(`not a colour: ${colour}`);
  return [1, 2, 3].map((i) => Number(parts[i])) as Rgb;
}

/** WCAG 2 relative luminance and contrast ratio. */
function contrast(a: Rgb, b: Rgb): number {
  const lum = (c: Rgb) => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// Page-side code as expression strings: the e2e programs are type-checked without the DOM's types.
/** A CSS property of the first element matching `selector`, as computed. */
const css = (page: Page, selector: string, property: string) =>
  page.evaluate(
    `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).getPropertyValue(${JSON.stringify(property)})`,
  ) as Promise<string>;

/** The timeline canvas's pixel at CSS pixel (x, y). */
function canvasPixel(page: Page, x: number, y: number): Promise<Rgb> {
  return page.evaluate(`(() => {
    const canvas = document.querySelector('[data-testid="timeline-canvas"]');
    const dpr = canvas.width / canvas.clientWidth;
    const d = canvas.getContext('2d').getImageData(Math.floor(${x} * dpr), Math.floor(${y} * dpr), 1, 1).data;
    return [d[0], d[1], d[2]];
  })()`) as Promise<Rgb>;
}

test('dark theme follows the system: page, panels, timeline and charts', async ({ page, app }) => {
  await app.open();
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(17, 19, 22)');
  await app.pickPreset('cpu-offload-gil');
  await page.getByTestId('run').click();
  expect(await app.waitUntilFinished()).toBe('complete');

  // Panels: the dark panel colour, with readable numbers and labels on it.
  const panel = rgb(await css(page, 'section.summary', 'background-color'));
  expect(panel).toEqual(rgb('#1a1d21'));
  for (const text of ['[data-testid="summary-p95"]', 'section.summary dt', 'section.bound p']) {
    const ratio = contrast(rgb(await css(page, text, 'color')), panel);
    expect(ratio, `${text} on the panel`).toBeGreaterThanOrEqual(4.5);
  }

  // The timeline's canvas: its top-left corner is the axis band (canvas background), just
  // below it the row labels' gutter (panel colour); both dark, not the light theme's white.
  await expect.poll(() => app.drawnRects()).toBeGreaterThan(0);
  expect(await canvasPixel(page, 2, 2)).toEqual(rgb('#15181b'));
  expect(await canvasPixel(page, 2, 40)).toEqual(rgb('#1a1d21'));

  // Charts: tick labels readable on the panel, and the throughput line in the dark accent.
  const tick = page.getByTestId('chart-throughput').locator('.recharts-cartesian-axis-tick-value').first();
  await expect(tick).toBeVisible();
  const tickFill = await tick.getAttribute('fill');
  expect(tickFill, 'tick labels have a fill').toBeTruthy();
  expect(contrast(rgb(tickFill!), panel), `chart tick labels (${tickFill}) on the panel`).toBeGreaterThanOrEqual(4.5);
  const line = page.getByTestId('chart-throughput').locator('.recharts-line-curve').first();
  expect(rgb((await line.getAttribute('stroke'))!)).toEqual(rgb('#6cb2ff'));

  await app.screenshot('10-dark-lanes');
  await page.getByTestId('view-requests').click();
  await app.screenshot('11-dark-requests');
});

/**
 * Every exported report opens where it should: the HTML report and the comparison open offline in
 * Chromium (no request leaves the file) and draw their charts; the Chrome trace loads as JSON
 * with named threads. Runs come from the real command line into a throwaway store.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { SCREENSHOT_DIR } from './app-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'interleave-reports-'));
const db = join(dir, 'runs.db');
const cli = (...args: string[]) =>
  execFileSync(process.execPath, ['bin/interleave.js', ...args, '--db', db], { encoding: 'utf8', timeout: 60_000 });

test.beforeAll(() => {
  cli('run', '--preset', 'async-time-sleep', '--out', join(dir, 'sleep.html'));
  cli('run', '--preset', 'async-await', '--out', join(dir, 'await.trace.json'));
  cli('compare', '1', '2', '--out', join(dir, 'compare.html'));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

for (const [name, shot] of [
  ['sleep.html', '13-report'],
  ['compare.html', '14-compare-report'],
] as const) {
  test(`${name} opens offline and draws its charts`, async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(join(dir, name)).href);
    expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(2);
    await expect(page.locator('body')).not.toContainText('NaN');
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${shot}.png`), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${shot}-print.png`), fullPage: true });
    expect(requests).toEqual([]);
  });
}

test('the Chrome trace is JSON with every thread named', () => {
  const trace = JSON.parse(readFileSync(join(dir, 'await.trace.json'), 'utf8')) as {
    traceEvents: { ph: string; name: string; tid: number }[];
  };
  const named = new Set(trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.tid));
  const used = new Set(trace.traceEvents.filter((e) => e.ph === 'X').map((e) => e.tid));
  for (const tid of used) expect(named.has(tid)).toBe(true);
  expect(used.size).toBeGreaterThan(0);
});

/**
 * A k6 results file and a HAR file picked in the app become runs labelled by where they came
 * from, open on the requests view, and compare with a model run; a file too big for the page is
 * refused with the command that streams it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { test } from './app-page.ts';

const ENDPOINTS = [
  { method: 'GET', url: (i: number) => `https://shop.test/api/items?page=${i}`, name: null, ms: [40, 120] },
  {
    method: 'GET',
    url: (i: number) => `https://shop.test/api/items/${i}`,
    name: 'https://shop.test/api/items/${}',
    ms: [15, 60],
  },
  { method: 'POST', url: () => 'https://shop.test/api/cart', name: null, ms: [80, 260] },
  { method: 'GET', url: () => 'https://shop.test/health', name: null, ms: [2, 6] },
] as const;

/**
 * k6's JSON output of 10 VUs × 30 iterations, each one request (the order above, in turn), 50 ms
 * of think time; every 15th cart request fails with 503. Seeded, so the file is the same each run.
 */
function k6File(): { text: string; requests: number; failed: number } {
  let seed = 7;
  const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const lines: string[] = [];
  const declared = new Set<string>();
  const point = (metric: string, time: string, value: number, tags: object, vu: number, iter: number) => {
    if (!declared.has(metric)) {
      declared.add(metric);
      lines.push(
        JSON.stringify({
          type: 'Metric',
          data: { name: metric, type: 'trend', contains: 'time', thresholds: [], submetrics: null },
          metric,
        }),
      );
    }
    lines.push(
      JSON.stringify({
        metric,
        type: 'Point',
        data: { time, value, tags, metadata: { vu: String(vu), iter: String(iter) } },
      }),
    );
  };
  const start = Date.UTC(2026, 0, 5, 10);
  let requests = 0;
  let failed = 0;
  const records: { end: number; emit: () => void }[] = [];
  for (let vu = 1; vu <= 10; vu++) {
    let t = start + vu * 17;
    for (let iter = 0; iter < 30; iter++) {
      const e = ENDPOINTS[(iter + vu) % ENDPOINTS.length];
      const [lo, hi] = e.ms;
      const duration = Math.round((lo + rnd() * (hi - lo)) * 1000) / 1000;
      const fails = e.method === 'POST' && ++requests % 15 === 0;
      if (e.method !== 'POST') requests++;
      if (fails) failed++;
      const url = e.url(iter);
      const tags = { method: e.method, name: e.name ?? url, scenario: 'default', status: fails ? '503' : '200', url };
      const end = t + duration;
      const time = new Date(Math.floor(end))
        .toISOString()
        .replace('Z', `${String(Math.round((end % 1) * 1e6)).padStart(6, '0')}Z`);
      const [v, i] = [vu, iter];
      records.push({
        end,
        emit: () => {
          point('http_reqs', time, 1, tags, v, i);
          point('http_req_duration', time, duration, tags, v, i);
          point('http_req_blocked', time, iter === 0 ? 9 : 0.01, tags, v, i);
          point('http_req_connecting', time, iter === 0 ? 6 : 0, tags, v, i);
          point('http_req_sending', time, 0.05, tags, v, i);
          point('http_req_waiting', time, duration - 0.5, tags, v, i);
          point('http_req_receiving', time, 0.45, tags, v, i);
          point('http_req_failed', time, fails ? 1 : 0, tags, v, i);
        },
      });
      t = end + 50;
    }
  }
  // k6 writes samples as they are collected, roughly in order of their end.
  records.sort((a, b) => a.end - b.end).forEach((r) => r.emit());
  lines.push(
    JSON.stringify({
      metric: 'vus',
      type: 'Point',
      data: { time: new Date(start).toISOString(), value: 10, tags: null },
    }),
  );
  return { text: `${lines.join('\n')}\n`, requests, failed };
}

test('a k6 file becomes a run labelled "imported from k6", shown on its requests, compared with a model run', async ({
  page,
  app,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-e2e-import-'));
  try {
    const k6 = k6File();
    const path = join(dir, 'checkout-test.json');
    writeFileSync(path, k6.text);
    await app.open();
    await page.getByTestId('import-file').setInputFiles(path);
    await expect(page.getByTestId('imported-from')).toHaveText('imported from k6: checkout-test.json');
    await expect(page.getByTestId('imported-note')).toContainText('cannot show the server’s threads');
    await expect(page.getByTestId('run-name')).toHaveText('k6 checkout-test.json');
    await expect(app.canvas()).toHaveAttribute('data-mode', 'requests');
    const numbers = await app.summary();
    expect(numbers.requests).toBe(String(k6.requests));
    expect(numbers.errors).toMatch(new RegExp(`^${k6.failed} `));
    expect(numbers.loopBlock).toBe('–');
    await expect(page.getByTestId('chart-loop')).toContainText('An imported run has no server event loop');
    await app.screenshot('20-imported-k6-requests');
    await page.getByTestId('view-lanes').click();
    await expect(app.canvas()).toHaveAttribute('data-mode', 'lanes');
    await app.screenshot('21-imported-k6-lanes');
    const importedId = (await page.getByTestId('history').locator('li.current').getAttribute('data-testid'))!;

    await app.pickPreset('async-await');
    await app.setKnob('knob-requests', 30);
    await page.getByTestId('run').click();
    // The imported run's status is not "running" either: wait until the new run is the one shown.
    await expect(page.getByTestId('history').locator('li.current')).not.toHaveAttribute('data-testid', importedId);
    expect(await app.waitUntilFinished()).toBe('complete');
    const modelId = (await page.getByTestId('history').locator('li.current').getAttribute('data-testid'))!;
    await page.getByTestId(modelId).getByRole('checkbox', { name: 'compare' }).check();
    await page.getByTestId(importedId).getByRole('checkbox', { name: 'compare' }).check();
    await page.getByTestId('compare').click();
    await expect(page.getByTestId('comparison-sentence')).toContainText(
      /async: p95 .*; imported from k6: checkout-test\.json: p95 .*(faster|slower|about the same)/,
    );
    // The file holds no server: its cell of the loop row says nothing ('–'), the model run's a time.
    await expect(page.getByTestId('comparison-table').getByRole('row', { name: /^Longest loop block/ })).toHaveText(
      /^Longest loop block[0-9.]+ (ms|s)–$/,
    );
    await expect(page.getByTestId('compare-latency').locator('.recharts-line')).toHaveCount(2);
    await app.screenshot('22-imported-k6-compared');
    await page.getByTestId('close-comparison').click();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a HAR file is imported the same way; a file too big for the page names the command that streams it', async ({
  page,
  app,
}) => {
  await app.open();
  await page.getByTestId('import-file').setInputFiles('tests/fixtures/import/har-three-entries.har');
  await expect(page.getByTestId('imported-from')).toHaveText('imported from HAR: har-three-entries.har');
  expect(await app.summary()).toMatchObject({ requests: '3', p50: '40 ms', p95: '121 ms' });
  await app.screenshot('23-imported-har');

  const big = await page.evaluateHandle(
    `(() => { const d = new DataTransfer(); d.items.add(new File([new Uint8Array(40 * 1024 * 1024)], 'big-results.json')); return d; })()`,
  );
  await page.dispatchEvent('main', 'drop', { dataTransfer: big });
  await expect(page.getByTestId('notice')).toContainText(
    'big-results.json is 40 MB; the app in browser mode imports files up to 32 MB. The command line streams files of any size: npx interleave import big-results.json',
  );
});

/**
 * What the renderer benchmarks need set up: the UI built, an app on a fresh data folder with a
 * stored 20,000-request run recorded by the real engine, the browser-mode host serving both, and
 * Chromium showing the page. Closing releases all of it.
 */
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { openApp, type App } from '../../main/app/app.ts';
import { startOneRun } from '../../main/app/one-run.ts';
import type { BrowserHost } from '../../main/host/browser-host.ts';
import { scenarioSchema, type Scenario } from '../../shared/scenario.ts';
import type { RunDocument } from '../../shared/run.ts';
import { buildRenderer } from './build-renderer.ts';
import { showInChromium } from './app-in-chromium.ts';
import { benchTempDir } from './temp-dir.ts';

/**
 * A small shop at full speed: product pages read through the async ORM (an offload to the
 * request's own executor thread) and render (cpu); a quarter of requests await I/O. About 2.5
 * spans a request on 21 server threads and 20 client connections.
 */
export function shopAtFullSpeed(requests: number): Scenario {
  return scenarioSchema.parse({
    name: 'bench: a shop at full speed',
    // At full speed: the engine's own pace, Django's modelled Python not charged.
    server: { model: 'async', executor: 'per-request', frameworkPython: false },
    endpoints: [
      {
        name: 'product',
        weight: 3,
        view: 'async',
        steps: [
          { kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 0 } },
          { kind: 'cpu', ms: 0.2 },
        ],
      },
      { name: 'await-io', weight: 1, view: 'async', steps: [{ kind: 'await', ms: 2 }] },
    ],
    load: { model: 'closed', concurrency: 20, end: { kind: 'requests', count: requests } },
  });
}

export interface RendererSession {
  app: App;
  host: BrowserHost;
  browser: Browser;
  page: Page;
  cdp: CDPSession;
  stored: RunDocument;
  close(): Promise<void>;
}

export async function openRendererSession(storedRequests: number): Promise<RendererSession> {
  const dir = join(benchTempDir(), 'renderer');
  const staticDir = join(dir, 'ui');
  await buildRenderer(staticDir);
  const app = await openApp({ dataDir: join(dir, 'data'), mode: 'browser' });
  let stored: RunDocument;
  try {
    const { info } = await startOneRun(app, shopAtFullSpeed(storedRequests), 'bench: stored run').finished;
    if (info.status !== 'complete') throw new Error(`the stored run ended ${info.status}: ${info.error}`);
    stored = await app.api.loadRun(info.id);
  } catch (error) {
    await app.close();
    throw error;
  }
  const shown = await showInChromium(app, staticDir);
  try {
    const cdp = await shown.page.context().newCDPSession(shown.page);
    await shown.page.goto(shown.host.url);
    await shown.page.getByTestId(`history-run-${stored.info.id}`).waitFor();
    return { app, host: shown.host, browser: shown.browser, page: shown.page, cdp, stored, close: shown.close };
  } catch (error) {
    await shown.close();
    throw error;
  }
}

/** Bytes the page's JavaScript holds after a full collection: heap plus array buffers. */
export async function pageHeapBytes(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  return usage.usedSize + (usage.backingStorageSize ?? 0);
}

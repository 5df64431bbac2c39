/**
 * An app shown in Chromium: the browser-mode host over it and a 1440×900 page on that host.
 * Closing releases the browser, the host and the app; a failure while opening releases what was
 * opened, the app included.
 */
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../main/app/app.ts';
import { startBrowserHost, type BrowserHost } from '../../main/host/browser-host.ts';
import { launchChromium } from './chromium.ts';

export interface AppInChromium {
  host: BrowserHost;
  browser: Browser;
  /** Not navigated yet: the caller goes to `host.url` when it is ready to. */
  page: Page;
  close(): Promise<void>;
}

export async function showInChromium(app: App, staticDir: string): Promise<AppInChromium> {
  let host: BrowserHost | undefined;
  let browser: Browser | undefined;
  try {
    host = await startBrowserHost({ app, port: 0, staticDir });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    const opened = { host, browser };
    return {
      host,
      browser,
      page,
      close: async () => {
        await opened.browser.close();
        await opened.host.close();
        await app.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await host?.close();
    await app.close();
    throw error;
  }
}

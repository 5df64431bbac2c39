/**
 * How Chromium is launched, by the browser tests (playwright.config.ts) and the renderer bench
 * alike: Debian's package (the machine cannot download Playwright's browsers), headless, and
 * nothing that reaches the network on its own.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

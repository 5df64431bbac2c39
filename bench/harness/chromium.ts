/** Debian's Chromium through playwright-core, launched as the browser tests launch it. */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_LAUNCH } from '../../tests/e2e/chromium-launch.ts';

export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH);
}

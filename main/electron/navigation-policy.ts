/**
 * What the window may do beyond showing the app: nothing. Navigating away from `app://interleave`
 * is refused (a page that navigated elsewhere would inherit the preload's bridge), `window.open`
 * never creates a window (an https link is handed to the system browser instead, where it has no
 * bridge), `<webview>` cannot attach, and every permission (camera, notifications, geolocation…)
 * is refused: the app needs none.
 */
import { isAppUrl } from './app-protocol.ts';

/** `will-navigate` / `will-redirect`: allowed only within the app's own origin. */
export function allowNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** What `setWindowOpenHandler` answers, always; plus an https URL to open in the system browser. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: string | undefined } {
  let external: string | undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '') external = parsed.href;
  } catch {
    external = undefined;
  }
  return { action: 'deny', openExternally: external };
}

/** `setPermissionRequestHandler` and `setPermissionCheckHandler`: no permission is ever granted. */
export function allowPermission(_permission: string): boolean {
  return false;
}

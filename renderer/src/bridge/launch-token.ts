/**
 * The browser-mode token: the host prints `http://127.0.0.1:PORT/#token=…`; the page takes the
 * token from the fragment, keeps it in sessionStorage (so a reload of this tab still connects)
 * and removes it from the address bar (so it is not bookmarked, shared in a screenshot or left
 * in the history). sessionStorage is per tab and per origin: only this app's pages can read it.
 */
import { TOKEN_HASH_KEY } from '../../../shared/transports/websocket-protocol.ts';

const STORAGE_KEY = 'interleave.token';

/** The token in a location fragment such as `#token=abc`, if any. */
function tokenFromHash(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get(TOKEN_HASH_KEY);
  return token && /^[A-Za-z0-9_-]+$/.test(token) ? token : undefined;
}

/** Reads the token (fragment first, then this tab's storage) and clears the fragment. */
export function takeLaunchToken(): string | undefined {
  const fromHash = tokenFromHash(location.hash);
  if (fromHash) {
    history.replaceState(history.state, '', location.pathname + location.search);
    try {
      sessionStorage.setItem(STORAGE_KEY, fromHash);
    } catch {
      // Storage may be disabled; the page still works until it is reloaded.
    }
    return fromHash;
  }
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

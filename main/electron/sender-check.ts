/**
 * Which IPC senders the shell obeys: the main frame of a page of the app itself. An iframe (there
 * are none, but a compromised page could add one) or a page that somehow navigated elsewhere is
 * refused even though the preload runs there too, because the preload alone cannot tell.
 */
import { isAppUrl } from './app-protocol.ts';

/** The part of Electron's `WebFrameMain` the check reads. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** True for the app's own top-level frame; `event.senderFrame` may be null if it is gone. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return frame != null && frame.parent === null && isAppUrl(frame.url);
}

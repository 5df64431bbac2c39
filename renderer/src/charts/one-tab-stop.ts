/**
 * One tab stop per chart. recharts 3 draws its layers into <g> elements it renders React portals
 * into (one per z-index), React listens for focus events on every portal's container, and
 * Chromium makes an SVG element with focus listeners a tab stop: seven or eight invisible stops
 * a chart, forty on the results page. tabindex="-1" takes each out of the tab order (it stays
 * focusable by script, which nothing does). The chart's own surface stays the one stop: with
 * recharts' accessibility layer, arrow keys there walk the tooltip through the data.
 */
import { useLayoutEffect, type RefObject } from 'react';

const LAYERS = 'g[class*="recharts-zIndex-layer_"]:not([tabindex])';

function untab(root: HTMLElement): void {
  for (const g of root.querySelectorAll(LAYERS)) g.setAttribute('tabindex', '-1');
}

/** Keeps recharts' layer groups under `ref` out of the tab order, as they come and go. */
export function useOneTabStop(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    untab(root);
    const observer = new MutationObserver(() => untab(root));
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [ref]);
}

/**
 * The one owner of animation frames. Anything that draws asks for a frame with `requestDraw`;
 * however many asks arrive before the next frame (a trace batch, a pointer move, a resize),
 * each drawer runs once in it, outside React's render. Drawers that must keep moving (a live
 * timeline following "now") simply ask again from inside their draw.
 */

type Drawer = () => void;

const pending = new Set<Drawer>();
let handle = 0;

function runFrame(): void {
  handle = 0;
  const drawers = [...pending];
  pending.clear();
  for (const draw of drawers) draw();
}

/** Run `draw` in the next animation frame (once, however often this is called before it). */
export function requestDraw(draw: Drawer): void {
  pending.add(draw);
  if (handle === 0) handle = requestAnimationFrame(runFrame);
}

/** Forget a drawer (its canvas is going away). */
export function cancelDraw(draw: Drawer): void {
  pending.delete(draw);
}

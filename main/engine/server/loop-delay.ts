/**
 * Event-loop delay, measured the way a person would: a 10 ms timer on the loop, and how late it
 * fires. A view that blocks the loop for 100 ms shows up as a ~100 ms sample.
 *
 * `inTurn` runs the timer's callback where asyncio would: a due timer joins the loop's ready
 * queue behind the tasks already waiting there (one-turn-each.ts), so ten views queued back to
 * back make one ~1 s sample, as uvicorn's loop shows, not ten of 100 ms.
 */
import type { Micros } from '../../../shared/trace.ts';

const INTERVAL_MS = 10;

export function sampleLoopDelay(
  now: () => Micros,
  record: (t: Micros, delayMs: number) => void,
  inTurn: (task: () => void) => void,
): () => void {
  let expected = performance.now() + INTERVAL_MS;
  let timer: NodeJS.Timeout;
  const tick = () => {
    const late = Math.max(0, performance.now() - expected);
    record(now(), late);
    expected = performance.now() + INTERVAL_MS;
    timer = setTimeout(due, INTERVAL_MS);
  };
  const due = () => inTurn(tick);
  timer = setTimeout(due, INTERVAL_MS);
  return () => clearTimeout(timer);
}

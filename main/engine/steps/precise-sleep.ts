/**
 * `await asyncio.sleep(ms)` with sub-millisecond accuracy. Node's timers fire on whole
 * milliseconds and usually late by up to one, which would show up as fake latency, so sleep on a
 * timer until ~1 ms before the deadline and finish with setImmediate turns (which let other
 * work run).
 */
import { stopRequested, type ControlWord } from '../control.ts';

export function preciseSleep(ms: number, control: ControlWord): Promise<void> {
  const deadline = performance.now() + ms;
  return new Promise((resolve) => {
    const finish = () => {
      if (performance.now() >= deadline || stopRequested(control)) resolve();
      else setImmediate(finish);
    };
    if (ms > 1.5) setTimeout(finish, ms - 1.2);
    else setImmediate(finish);
  });
}

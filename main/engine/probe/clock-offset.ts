/**
 * How far the server's monotonic clock is from ours, NTP-style: ask its clock route a few times
 * and keep the reading of the shortest round trip, taken as read at the round trip's midpoint.
 * The error is at most half that round trip (~0.1–0.5 ms on loopback), which the result reports.
 */
import type { Micros } from '../../../shared/trace.ts';

export interface ClockOffset {
  /** Server clock minus ours, in ms. */
  offsetMs: number;
  /** Half the shortest round trip: the most the offset can be wrong by, in ms. */
  uncertaintyMs: number;
}

const ROUNDS = 7;

export async function measureClockOffset(clockUrl: string, now: () => Micros): Promise<ClockOffset> {
  let best: ClockOffset | null = null;
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = now() / 1000;
    const res = await fetch(clockUrl, { signal: AbortSignal.timeout(5_000) });
    const serverMs = Number((await res.text()).trim());
    const t1 = now() / 1000;
    if (!res.ok || !Number.isFinite(serverMs)) throw new Error(`the server's clock route answered ${res.status}`);
    const candidate = { offsetMs: serverMs - (t0 + t1) / 2, uncertaintyMs: (t1 - t0) / 2 };
    if (!best || candidate.uncertaintyMs < best.uncertaintyMs) best = candidate;
  }
  return best!;
}

/** The mean of each client phase over the requests that have it, for a one-line summary. */
import { PHASE_KEYS, type ClientPhases } from './imported-request.ts';

/** Means in ms by phase (null where no request had that phase); `phases` packs PHASE_KEYS.length numbers a request. */
export function meanPhases(phases: Float64Array): ClientPhases {
  const width = PHASE_KEYS.length;
  const out = {} as ClientPhases;
  PHASE_KEYS.forEach((key, j) => {
    let sum = 0;
    let n = 0;
    for (let o = j; o < phases.length; o += width) {
      const v = phases[o];
      if (!Number.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    out[key] = n ? sum / n : null;
  });
  return out;
}

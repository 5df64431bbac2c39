/**
 * The CPU count a theoretical bound assumes, and where it came from. A run records the cores of
 * the machine that ran it (RunInfo.cores); a run stored before that takes the cores of the
 * machine showing it, which the host passes; with neither (a pure function called bare), the
 * reference machine's 2.
 */
import { plural } from '../analysis/format.ts';

/** Cores assumed when nobody says: this app's reference machine. */
export const DEFAULT_CORES = 2;

/** A CPU count and its origin: the run's own record, the host showing it, or the default. */
export interface AssumedCores {
  cores: number;
  source: 'run' | 'host' | 'default';
}

/** The run's own count when it has one, else the host's, else DEFAULT_CORES. */
export function assumedCores(recorded: number | null | undefined, host: number | undefined): AssumedCores {
  if (recorded !== null && recorded !== undefined) return { cores: recorded, source: 'run' };
  if (host !== undefined) return { cores: host, source: 'host' };
  return { cores: DEFAULT_CORES, source: 'default' };
}

const SOURCE_WORDS: Record<AssumedCores['source'], string> = {
  run: 'those of the machine that ran it',
  host: "this machine's (the run did not record its own)",
  default: 'the default (the run did not record its own)',
};

/** "The model assumes 8 CPU cores, those of the machine that ran it." */
export function describeAssumedCores({ cores, source }: AssumedCores): string {
  return `The model assumes ${plural(cores, 'CPU core')}, ${SOURCE_WORDS[source]}.`;
}

/**
 * One run's cause in words, for a comparison: what limited it (the bound's bottleneck for its
 * settings) and the first thing that happened (explain-run.ts's first sentence). "Limited by the
 * event loop. The event loop was blocked for 900 ms in all…" beside "Limited by the load itself.
 * No request held the event loop…" says why one run is slower, not only that it is.
 */
import { assumedCores } from '../bounds/assumed-cores.ts';
import { BOTTLENECK_WORDS } from '../bounds/bottleneck-words.ts';
import { theoreticalBound } from '../bounds.ts';
import type { RunDocument } from '../run.ts';
import { explainRun } from './explain-run.ts';

export function runCause(doc: RunDocument, hostCores?: number): string {
  const bound = theoreticalBound(doc.scenario, { cores: assumedCores(doc.info.cores, hostCores).cores });
  const limit = bound.bottleneck === 'none' ? 'Nothing limits it' : `Limited by ${BOTTLENECK_WORDS[bound.bottleneck]}`;
  const [first] = explainRun(doc);
  return first ? `${limit}. ${first}` : `${limit}.`;
}

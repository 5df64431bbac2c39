/**
 * Runs that were 'running' when their process died: found on open and marked 'interrupted'.
 *
 * Runs are written as they progress, so what a killed run recorded is all there; only its status
 * (and a summary) is missing. A run whose process is still alive (another Interleave window, a
 * CLI run) is left alone. A run claiming this very process cannot be live: the store that ran it
 * was not closed properly, and this open is a new start.
 */
import { isProcessAlive } from '../platform/process-alive.ts';
import type { StoreStatements } from './statements.ts';

/** Marks dead runs interrupted, with their recorded request count recounted; returns their ids. */
export function markInterruptedRuns(s: StoreStatements, ownPid: number = process.pid): number[] {
  const rows = s.runningRuns.all() as { id: number; pid: number | null }[];
  const dead = rows.filter((r) => r.pid === null || r.pid === ownPid || !isProcessAlive(r.pid)).map((r) => r.id);
  for (const id of dead) s.markInterrupted.run(id);
  return dead;
}

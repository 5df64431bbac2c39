/**
 * Whether a process still exists, for leftovers a killed process could not clean up: the run
 * store's runs it was running, the engine's worker bundles it had written.
 */

/** Whether a process with this id exists (it may belong to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, we may just not signal it.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

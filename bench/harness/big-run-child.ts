/**
 * A 100,000-request run through the app (engine + run service + store on a fresh data folder),
 * in a process of its own so that its peak resident size is its own:
 *
 *   node --import tsx bench/harness/big-run-child.ts REQUESTS USERS
 *
 * Every batch the run service writes is timed, so this composes the run service and the store
 * itself (as main/app/app.ts does; the app shows neither to its callers). After the run the
 * store is closed, opened again and the run loaded, as the app does when it shows a stored run.
 * Prints one JSON line (see BigRunReport).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventHub } from '../../main/app/event-hub.ts';
import { RunService } from '../../main/app/run-service.ts';
import { RunStore } from '../../main/store/run-store.ts';
import type { RunEvent } from '../../shared/bridge.ts';
import type { TraceBatch } from '../../shared/trace.ts';
import { SPAN_STRIDE } from '../../shared/trace.ts';
import { closedLoad, trivialScenario } from './scenarios.ts';

export interface BigRunReport {
  status: string;
  requests: number;
  rowsWritten: number;
  batches: number;
  writeMs: number;
  longestBatchMs: number;
  /** From the start of the load to the last record, as the summary measures it. */
  makespanMs: number;
  throughputRps: number;
  /** Peak resident set of this process over the run (before the reopen), MiB. */
  peakRssMiB: number;
  /** The engine thread's V8 heap when the run ended, MiB. */
  mainHeapMiB: number;
  openMs: number;
  loadMs: number;
  loadedRequests: number;
}

const [requests, users] = process.argv.slice(2).map(Number);
const dataDir = mkdtempSync(join(tmpdir(), 'interleave-bench-big-'));
try {
  const { store } = RunStore.open(join(dataDir, 'runs.db'));
  const events = new EventHub();
  const runs = new RunService(store, join(dataDir, 'shop.db'), events, availableParallelism());
  const append = store.appendBatch.bind(store);
  let rowsWritten = 0;
  let batches = 0;
  let writeMs = 0;
  let longestBatchMs = 0;
  store.appendBatch = (runId: number, batch: TraceBatch) => {
    const started = performance.now();
    append(runId, batch);
    const took = performance.now() - started;
    writeMs += took;
    longestBatchMs = Math.max(longestBatchMs, took);
    batches++;
    rowsWritten += batch.spans.length / SPAN_STRIDE + batch.requests.length + batch.loop.length;
  };
  // An `await 0 ms` step: one span per request, like the lightest real view.
  const scenario = trivialScenario(closedLoad(users, { requests }), [{ kind: 'await', ms: 0 }]);
  const finished = new Promise<RunEvent & { type: 'finished' }>((resolve) =>
    events.on('run', (e) => e.type === 'finished' && resolve(e)),
  );
  const info = await runs.start(scenario, 'bench: 100,000 requests');
  const { info: outcome } = await finished;
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  const mainHeapMiB = process.memoryUsage().heapUsed / 2 ** 20;
  store.close();

  const openStarted = performance.now();
  const { store: reopened } = RunStore.open(join(dataDir, 'runs.db'));
  const openMs = performance.now() - openStarted;
  const doc = reopened.loadRun(info.id);
  const loadMs = performance.now() - openStarted - openMs;
  reopened.close();

  const report: BigRunReport = {
    status: outcome.status,
    requests: outcome.summary?.requests ?? 0,
    rowsWritten,
    batches,
    writeMs,
    longestBatchMs,
    makespanMs: outcome.summary?.makespanMs ?? 0,
    throughputRps: outcome.summary?.throughputRps ?? 0,
    peakRssMiB,
    mainHeapMiB,
    openMs,
    loadMs,
    loadedRequests: doc.requests.length,
  };
  console.log(JSON.stringify(report));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);

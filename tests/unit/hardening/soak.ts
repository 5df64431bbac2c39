/**
 * A long run through the whole app (engine, run service, store) in a process of its own, with
 * the JS heap measured after a full collection at set points of the run, after it, and after
 * the app closes:
 *
 *   node --import tsx tests/unit/hardening/soak.ts REQUESTS MARK [MARK…]
 *
 * Prints one JSON line (SoakReport). The heap at the marks shows what each request costs while
 * the run goes on (the recorder keeps every record for the summary); the heap after the run
 * shows what is left once it is over (nothing per request should be).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../../main/app/app.ts';
import { startOneRun } from '../../../main/app/one-run.ts';
import { scenarioSchema } from '../../../shared/scenario.ts';
import { heapAfterGc } from './process-probe.ts';

export interface SoakReport {
  status: string;
  recordedRequests: number;
  /** Heap after GC with the app open, before the run. */
  baselineHeap: number;
  /** Heap after GC when the load generator had reported `done` requests. */
  marks: { done: number; heap: number; arrayBuffers: number }[];
  /** Heap after GC once the run finished (app still open), and after the app closed. */
  heapAfterRun: number;
  heapAfterClose: number;
  peakRssBytes: number;
  storeBytes: number;
  seconds: number;
}

const [requests, ...marks] = process.argv.slice(2).map(Number);
const dataDir = mkdtempSync(join(tmpdir(), 'interleave-soak-'));
try {
  const started = performance.now();
  const app = await openApp({ dataDir, mode: 'browser' });
  const baselineHeap = heapAfterGc();
  const measured: SoakReport['marks'] = [];
  app.on('run', (e) => {
    if (e.type !== 'progress' || measured.length >= marks.length || e.progress.done < marks[measured.length]) return;
    const heap = heapAfterGc();
    measured.push({ done: e.progress.done, heap, arrayBuffers: process.memoryUsage().arrayBuffers });
  });
  const scenario = scenarioSchema.parse({
    name: 'soak',
    // The engine's own cost per request is what is measured: Django's modelled Python (1.45 ms a
    // request on the loop) would make 100,000 requests take minutes on its own.
    server: { model: 'async', frameworkPython: false },
    endpoints: [{ name: 'a', view: 'async', steps: [{ kind: 'await', ms: 0 }] }],
    load: { model: 'closed', concurrency: 50, end: { kind: 'requests', count: requests } },
  });
  const { info } = await startOneRun(app, scenario).finished;
  const heapAfterRun = heapAfterGc();
  await app.close();
  const report: SoakReport = {
    status: info.status,
    recordedRequests: info.recordedRequests,
    baselineHeap,
    marks: measured,
    heapAfterRun,
    heapAfterClose: heapAfterGc(),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    storeBytes: statSync(join(dataDir, 'runs.db')).size,
    seconds: (performance.now() - started) / 1000,
  };
  console.log(JSON.stringify(report));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);

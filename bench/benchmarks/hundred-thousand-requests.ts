/**
 * A 100,000-request run through the whole app (engine, run service, store) in a child process:
 * how fast the store writes a live run's rows, whether it ever falls behind the run, how long
 * the stored run takes to open again, and the process's peak resident size.
 *
 * "Never falling behind" is two checks: the store writes rows faster than the run makes them,
 * and no batch takes longer to write than the time until the next one (100 ms).
 */
import { join } from 'node:path';
import { atLeast, atMost, figure, type Benchmark } from '../result.ts';
import type { BigRunReport } from '../harness/big-run-child.ts';
import { lastJsonLine, REPO_ROOT, runNodeChild } from '../harness/child-process.ts';

const REQUESTS = 100_000;
const USERS = 50;
const BATCH_EVERY_MS = 100;

export const hundredThousandRequests: Benchmark = {
  id: 'hundred-thousand-requests',
  title: 'A 100,000-request run: store and memory',
  budgetSeconds: 120,
  async run() {
    const out = await runNodeChild(
      ['--import', 'tsx', join(REPO_ROOT, 'bench', 'harness', 'big-run-child.ts'), String(REQUESTS), String(USERS)],
      { timeoutMs: 110_000 },
    );
    const r = lastJsonLine<BigRunReport>(out);
    if (r.status !== 'complete' || r.loadedRequests !== REQUESTS) {
      throw new Error(`the run ended ${r.status} with ${r.loadedRequests} requests stored`);
    }
    const writeRate = r.rowsWritten / (r.writeMs / 1000);
    const makeRate = r.rowsWritten / (r.makespanMs / 1000);
    const run = `${REQUESTS.toLocaleString('en')} requests, ${USERS} users, await 0 ms; ${Math.round(r.throughputRps).toLocaleString('en')} req/s over ${(r.makespanMs / 1000).toFixed(1)} s`;
    return [
      figure({
        name: 'store: rows written per second (live run)',
        value: writeRate,
        unit: 'rows/s',
        target: atLeast(200_000, '≥ 200,000'),
        digits: 0,
        limitedBy: "SQLite's cost per inserted row",
        why: 'SQLite per row: binding its values and inserting into the table and its run index, in multi-row INSERTs (100 spans, 50 requests a statement), one transaction per batch, WAL with synchronous=NORMAL',
        detail: `${r.rowsWritten.toLocaleString('en')} rows in ${r.batches} batches, ${r.writeMs.toFixed(0)} ms of writing; ${run}`,
      }),
      figure({
        name: 'store: write rate / rate the run makes rows',
        value: writeRate / makeRate,
        unit: 'ratio',
        target: atLeast(1, '≥ 1 (never behind)'),
        digits: 1,
        limitedBy: 'how fast the run makes rows',
        why: `the run makes ${Math.round(makeRate).toLocaleString('en')} rows/s (~2 rows a request); writing is ${((100 * r.writeMs) / r.makespanMs).toFixed(1)}% of the engine thread's time`,
      }),
      figure({
        name: 'store: longest batch write',
        value: r.longestBatchMs,
        unit: 'ms',
        target: atMost(BATCH_EVERY_MS, `≤ ${BATCH_EVERY_MS} (batch interval)`),
        digits: 1,
        limitedBy: 'the largest batch, in one transaction',
        why: 'the largest batch (rows a batch grow with throughput: 100 ms of records), written in one transaction',
      }),
      figure({
        name: 'store: reopen and load the 100,000-request run',
        value: r.openMs + r.loadMs,
        unit: 'ms',
        digits: 0,
        limitedBy: 'turning rows into objects; the integrity check',
        why: 'loading: spans come back sorted by start as one JSON string, requests as raw rows turned into objects; opening runs an integrity check over the file',
        detail: `open ${r.openMs.toFixed(0)} ms (integrity check, migrations), load ${r.loadMs.toFixed(0)} ms`,
      }),
      figure({
        name: 'memory: peak resident size, 100,000-request run',
        value: r.peakRssMiB,
        unit: 'MiB',
        digits: 0,
        limitedBy: "the threads' V8 heaps and the kept records",
        why: `the V8 heaps of the process's threads (engine, server, load generator, upstream, sync-http, and from source the TypeScript loader's), the recorder's copy of every record for the summary, and the batches in flight to the store; the engine thread's heap ended at ${r.mainHeapMiB.toFixed(0)} MiB`,
        detail: `${run}; one process: engine threads, recorder, run service and store`,
      }),
    ];
  },
};

// A 100,000-request run through the whole app, in a child process (tests/unit/hardening/soak.ts)
// so its memory is its own. While the run goes on, memory grows only by the records the
// recorder keeps for the summary (about 200 bytes a request, measured); once it is over nothing
// per request is left. Bounded: the child is killed after 2 minutes (it takes about 10 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SoakReport } from './soak.ts';

const SOAK = fileURLToPath(new URL('./soak.ts', import.meta.url));
const REQUESTS = 100_000;
const MARKS = [20_000, 100_000];
const MB = 1024 * 1024;

test(`${REQUESTS.toLocaleString('en')} requests: memory grows only by the kept records, and returns after the run`, (t) => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', SOAK, String(REQUESTS), ...MARKS.map(String)], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(child.signal, null, 'the soak run finished within 2 minutes');
  assert.equal(child.status, 0, child.stderr);
  const r = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as SoakReport;
  assert.equal(r.status, 'complete');
  assert.equal(r.recordedRequests, REQUESTS);
  assert.equal(r.marks.length, MARKS.length);

  const [first, last] = [r.marks[0], r.marks.at(-1)!];
  const perRequest = (last.heap - first.heap) / (last.done - first.done);
  const spansPerRequest = (last.arrayBuffers - first.arrayBuffers) / (last.done - first.done);
  const leftPerRequest = (r.heapAfterRun - r.baselineHeap) / REQUESTS;
  t.diagnostic(
    `heap after GC: ${(r.baselineHeap / MB).toFixed(1)} MB before, ` +
      r.marks.map((m) => `${(m.heap / MB).toFixed(1)} MB at ${m.done.toLocaleString('en')}`).join(', ') +
      `, ${(r.heapAfterRun / MB).toFixed(1)} MB after the run, ${(r.heapAfterClose / MB).toFixed(1)} MB after close`,
  );
  t.diagnostic(
    `per request while running: ${perRequest.toFixed(0)} B of heap + ${spansPerRequest.toFixed(0)} B of span buffers; ` +
      `stored: ${(r.storeBytes / REQUESTS).toFixed(0)} B; left after the run: ${leftPerRequest.toFixed(1)} B; ` +
      `peak RSS ${(r.peakRssBytes / MB).toFixed(0)} MB; ${r.seconds.toFixed(1)} s`,
  );
  // A plain object per request record is ~190 B on a 64-bit heap; twice that means something
  // else started keeping per-request state.
  assert.ok(perRequest < 400, `${perRequest.toFixed(0)} B of heap per request while running`);
  assert.ok(leftPerRequest < 20, `${leftPerRequest.toFixed(1)} B per request still held after the run`);
});

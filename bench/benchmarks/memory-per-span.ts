/**
 * Bytes per span, measured: what holding a run's spans adds to a Node process's heap and array
 * buffers after full collections, for each place spans are kept (a thread's span buffer, the
 * engine's recorder, the renderer's span storage with its indexes). The renderer's storage has
 * no DOM, so Node measures it exactly; what a whole run costs in the page (requests, series,
 * React state) is the renderer benchmark's figure, measured in Chromium.
 *
 * It runs in a child process with --expose-gc (harness/span-bytes-child.ts), alone, so nothing
 * else allocates between the two readings. Growable arrays double, so a figure depends on where
 * the count falls between two sizes: 20,000 requests (100,000 spans) is the stored run the
 * renderer benchmark opens.
 */
import { join } from 'node:path';
import { atMost, figure, type Benchmark } from '../result.ts';
import type { SpanBytesReport } from '../harness/span-bytes-child.ts';
import { lastJsonLine, REPO_ROOT, runNodeChild } from '../harness/child-process.ts';

const REQUESTS = 20_000;

export const memoryPerSpan: Benchmark = {
  id: 'memory-per-span',
  title: 'Bytes per span, measured on the heap',
  budgetSeconds: 60,
  async run() {
    const out = await runNodeChild(
      ['--expose-gc', '--import', 'tsx', join(REPO_ROOT, 'bench', 'harness', 'span-bytes-child.ts'), String(REQUESTS)],
      { timeoutMs: 55_000 },
    );
    const r = lastJsonLine<SpanBytesReport>(out);
    const spans = `${r.spans.toLocaleString('en')} spans of a shop-shaped run (${REQUESTS.toLocaleString('en')} requests, five spans each); heap + array buffers after two full collections, before and after`;
    return [
      figure({
        name: 'memory: bytes per span, renderer span storage',
        value: r.rendererStore,
        unit: 'B',
        target: atMost(300),
        digits: 0,
        limitedBy: 'packed spans (40 B), two indexes, spare capacity',
        why: `packed spans (40 B each, in a Float64Array whose capacity doubles), the per-thread index of spans that hold a thread and the per-request rows (a link and a depth per span, arrays per request); measured as the renderer's TraceStore opening the run minus the same store opening it without spans. Its own accounting (TraceStore.retainedSpanBytes) says ${r.rendererAccounted.toFixed(0)} B`,
        detail: spans,
      }),
      figure({
        name: 'memory: bytes per span, engine recorder (whole run)',
        value: r.recorder,
        unit: 'B',
        digits: 0,
        limitedBy: 'packed spans (40 B) and spare capacity',
        why: 'the recorder keeps every span of the run packed in one Float64Array (40 B a span) that doubles as it fills, for the summary at the end; the rest is capacity not yet used',
        detail: `${spans}; appended in batches of 1,000 spans as threads flush them`,
      }),
      figure({
        name: "memory: bytes per span, a thread's span buffer",
        value: r.spanBuffer,
        unit: 'B',
        digits: 0,
        limitedBy: 'packed spans (40 B) and spare capacity',
        why: 'a thread writes spans into a Float64Array (40 B a span) that doubles as it fills; it is emptied every flush (50 ms), so it holds only that long, and this fills one with the whole run to measure it',
        detail: spans,
      }),
    ];
  },
};

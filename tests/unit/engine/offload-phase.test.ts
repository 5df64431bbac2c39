/**
 * `offload` ("awaiting offloaded work"): the awaiting thread records it for the whole await, so
 * a request's time between submitting work and getting it back is visible on its own row and in
 * the CSV's `offload_ms`, not only as the executor's spans.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runToCsv, CSV_COLUMNS } from '../../../shared/report/csv.ts';
import { scenarioSchema, type ScenarioInput } from '../../../shared/scenario.ts';
import { PHASE_IDS, SPAN_STRIDE } from '../../../shared/trace.ts';
import { laneKind, ofPhase, runAndCollect, type Collected } from './run-and-collect.ts';

const offloadDb = { kind: 'offload', step: { kind: 'db', query: 'product-get', ms: 40 } } as const;
const three = { model: 'closed', concurrency: 1, end: { kind: 'requests', count: 3 } } as const;

/** Each request's spans of one phase. */
const spansOf = (c: Collected, req: number, phase: string) => c.spans.filter((s) => s.req === req && s.phase === phase);

test('async server: each offload records `offload` on the loop, around its queueing and its work', async () => {
  const input: ScenarioInput = {
    server: { model: 'async', executor: 'per-request' },
    endpoints: [{ name: 'two-queries', view: 'async', steps: [{ kind: 'gather', steps: [offloadDb, offloadDb] }] }],
    load: three,
  };
  const c = await runAndCollect(input);
  assert.equal(c.outcome.status, 'complete', c.outcome.error ?? '');
  assert.equal(c.requests.length, 3);
  for (const r of c.requests) {
    const offloads = spansOf(c, r.id, 'offload');
    assert.equal(offloads.length, 2, `request ${r.id}: one offload span per gathered offload`);
    for (const o of offloads) assert.equal(laneKind(c, o.lane), 'loop', `request ${r.id}: on the awaiting thread`);
    // Every executor span of the request lies inside one of its offload spans.
    for (const inner of [...spansOf(c, r.id, 'exec-queue'), ...spansOf(c, r.id, 'db')]) {
      assert.ok(
        offloads.some((o) => o.start <= inner.start && inner.end <= o.end),
        `request ${r.id}: ${inner.phase} ${inner.start}..${inner.end} inside an offload`,
      );
    }
    // The second query waits for the first on the request's one thread: its await lasts both.
    const longest = Math.max(...offloads.map((o) => o.end - o.start));
    assert.ok(longest >= 80_000, `request ${r.id}: the second offload awaited both queries (${longest} µs)`);
  }
  // The CSV's offload_ms column sums them: at least 40 + 80 ms a request.
  const spans: number[] = [];
  for (const s of c.spans) spans.push(s.req, s.lane, PHASE_IDS.indexOf(s.phase), s.start, s.end);
  assert.equal(spans.length, c.spans.length * SPAN_STRIDE);
  const csv = runToCsv({ scenario: scenarioSchema.parse(input), spans, requests: c.requests })
    .trim()
    .split('\r\n');
  const column = CSV_COLUMNS.indexOf('offload_ms');
  for (const line of csv.slice(1)) {
    const offloadMs = Number(line.split(',')[column]);
    assert.ok(offloadMs >= 120, `offload_ms ${offloadMs} in "${line}"`);
  }
});

test('a failing offload still records its `offload` span', async () => {
  const c = await runAndCollect({
    server: { model: 'async', executor: 'one-thread' },
    endpoints: [
      {
        name: 'refused',
        view: 'async',
        steps: [{ kind: 'offload', step: { kind: 'upstream', ms: 5, fault: 'refuse', timeoutMs: 500 } }],
      },
    ],
    load: three,
  });
  assert.equal(c.outcome.summary.errors, 3);
  for (const r of c.requests) assert.equal(spansOf(c, r.id, 'offload').length, 1, `request ${r.id}`);
});

test('sync worker: an async view awaiting an offload records it on the worker it holds', async () => {
  const c = await runAndCollect({
    server: { model: 'sync-workers', workers: 1 },
    endpoints: [{ name: 'a', view: 'async', steps: [offloadDb] }],
    load: three,
  });
  const offloads = ofPhase(c, 'offload');
  assert.equal(offloads.length, 3);
  for (const o of offloads) {
    assert.equal(laneKind(c, o.lane), 'worker');
    const db = spansOf(c, o.req, 'db');
    assert.equal(db.length, 1);
    assert.ok(o.start <= db[0].start && db[0].end <= o.end, `request ${o.req}: the query inside the await`);
  }
});

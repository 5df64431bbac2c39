import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RequestRows } from '../../../../renderer/src/timeline/request-rows.ts';
import { SpanStore } from '../../../../renderer/src/state/span-store.ts';
import { Phase, SPAN_STRIDE } from '../../../../shared/trace.ts';

const spansArb = fc.array(
  fc.record({
    req: fc.integer({ min: 0, max: 30 }),
    phase: fc.integer({ min: 0, max: 11 }),
    start: fc.integer({ min: 0, max: 1_000 }),
    length: fc.integer({ min: 1, max: 300 }),
  }),
  { maxLength: 150 },
);

test('rows come in request-id order and hold every span of their request, overlapping work on different sub-rows', () => {
  fc.assert(
    fc.property(spansArb, (spans) => {
      const store = new SpanStore();
      store.append(spans.flatMap((s) => [s.req, 0, s.phase, s.start, s.start + s.length]));
      const rows = new RequestRows(() => store.data);
      spans.forEach((s, i) => rows.add(i, s.req));
      const ids = [...new Set(spans.map((s) => s.req))].sort((a, b) => a - b);
      assert.equal(rows.rowCount, ids.length);
      ids.forEach((id, row) => {
        assert.equal(rows.reqAt(row), id);
        assert.equal(rows.rowOf(id), row);
        const seen: { span: number; sub: number }[] = [];
        rows.forEach(row, (span, sub) => seen.push({ span, sub }));
        const expected = spans.map((s, i) => (s.req === id ? i : -1)).filter((i) => i >= 0);
        assert.deepEqual(
          seen.map((x) => x.span).sort((a, b) => a - b),
          expected,
        );
        for (const a of seen) {
          const isClient = store.data[a.span * SPAN_STRIDE + 2] === Phase.client;
          assert.equal(a.sub === -1, isClient);
          assert.ok(a.sub < rows.subRowsOf(row));
          for (const b of seen) {
            if (a.span >= b.span || a.sub !== b.sub || a.sub === -1) continue;
            // "running" is context drawn under what it encloses, on the first sub-row.
            if (spans[a.span].phase === Phase.running || spans[b.span].phase === Phase.running) continue;
            const sa = spans[a.span];
            const sb = spans[b.span];
            assert.ok(!(sa.start < sb.start + sb.length && sb.start < sa.start + sa.length), 'overlap in one sub-row');
          }
        }
      });
      assert.equal(rows.rowOf(999), -1);
    }),
  );
});

test('a request that gains a span is packed again', () => {
  const store = new SpanStore();
  const rows = new RequestRows(() => store.data);
  store.append([1, 0, Phase.offload, 0, 100]);
  rows.add(0, 1);
  assert.equal(rows.subRowsOf(0), 1);
  store.append([1, 2, Phase.db, 50, 80]);
  rows.add(1, 1);
  assert.equal(rows.subRowsOf(0), 2);
});

test('a running span shares the first sub-row with the work it encloses', () => {
  const store = new SpanStore();
  const rows = new RequestRows(() => store.data);
  store.append([1, 0, Phase.block, 20, 60, 1, 0, Phase.cpu, 60, 90, 1, 0, Phase.running, 10, 95]);
  [0, 1, 2].forEach((s) => rows.add(s, 1));
  const subRows: number[] = [];
  rows.forEach(0, (_, sub) => subRows.push(sub));
  assert.deepEqual(subRows, [0, 0, 0]);
  assert.equal(rows.subRowsOf(0), 1);
});

test('a request without spans (a URL run) still gets its row, in id order; spans that arrive later join it', () => {
  const store = new SpanStore();
  store.append([2, 0, Phase.block, 10, 20]);
  const rows = new RequestRows(() => store.data);
  rows.addRequest(5);
  rows.addRequest(1);
  rows.add(0, 2);
  rows.addRequest(2);
  assert.deepEqual(
    Array.from({ length: rows.rowCount }, (_, row) => rows.reqAt(row)),
    [1, 2, 5],
  );
  const spansOf = (row: number) => {
    const out: number[] = [];
    rows.forEach(row, (span) => out.push(span));
    return out;
  };
  assert.deepEqual([spansOf(0), spansOf(1), spansOf(2)], [[], [0], []]);
  assert.equal(rows.subRowsOf(0), 1);
  store.append([5, 0, Phase.cpu, 30, 40]);
  rows.add(1, 5);
  assert.deepEqual(spansOf(2), [1]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SortedRows } from '../../../../renderer/src/timeline/sorted-rows.ts';
import { SpanStore } from '../../../../renderer/src/state/span-store.ts';
import { SPAN_STRIDE } from '../../../../shared/trace.ts';

const spansArb = fc.array(
  fc.record({
    row: fc.integer({ min: 0, max: 3 }),
    start: fc.integer({ min: 0, max: 10_000 }),
    length: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 5_000 })),
  }),
  { maxLength: 200 },
);

function build(spans: { row: number; start: number; length: number }[]) {
  const store = new SpanStore();
  store.append(spans.flatMap((s, i) => [i, s.row, 1, s.start, s.start + s.length]));
  const rows = new SortedRows(() => store.data);
  spans.forEach((s, i) => rows.insert(s.row, i));
  return { store, rows };
}

test('each row stays sorted by start whatever order spans arrive in', () => {
  fc.assert(
    fc.property(spansArb, (spans) => {
      const { store, rows } = build(spans);
      for (let r = 0; r < rows.rowCount; r++) {
        const idx = rows.spansOf(r);
        assert.equal(idx.length, spans.filter((s) => s.row === r).length);
        for (let i = 1; i < idx.length; i++)
          assert.ok(store.data[idx[i - 1] * SPAN_STRIDE + 3] <= store.data[idx[i] * SPAN_STRIDE + 3]);
      }
    }),
  );
});

test('candidates hold every span that touches the window; spans before end earlier, spans after start later', () => {
  fc.assert(
    fc.property(
      spansArb,
      fc.integer({ min: -100, max: 11_000 }),
      fc.integer({ min: 0, max: 3_000 }),
      (spans, t0, width) => {
        const t1 = t0 + width;
        const { rows } = build(spans);
        for (let r = 0; r < rows.rowCount; r++) {
          const idx = rows.spansOf(r);
          const [from, to] = rows.candidates(r, t0, t1);
          idx.forEach((span, position) => {
            const s = spans[span];
            const touches = s.start <= t1 && s.start + s.length >= t0;
            const inside = position >= from && position < to;
            if (touches) assert.ok(inside, `span ${span} touches [${t0}, ${t1}] but is not a candidate`);
            if (position < from) assert.ok(s.start + s.length < t0);
            if (position >= to) assert.ok(s.start > t1);
          });
        }
      },
    ),
  );
});

test('a long span that started early is still found at a later instant', () => {
  const { rows } = build([
    { row: 0, start: 0, length: 1_000 },
    ...Array.from({ length: 50 }, (_, i) => ({ row: 0, start: 10 + i * 2, length: 1 })),
  ]);
  const [from, to] = rows.candidates(0, 900, 901);
  assert.equal(from, 0);
  assert.equal(to, 51);
  assert.deepEqual(rows.candidates(7, 0, 10), [0, 0]);
});

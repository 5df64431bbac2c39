import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  MIXED_REQUESTS,
  RectList,
  RowMerger,
  touchedColumns,
} from '../../../../renderer/src/timeline/level-of-detail.ts';
import { TimeScale } from '../../../../renderer/src/timeline/time-scale.ts';

const PRIORITY = [0, 1, 2, 6, 7, 5, 6, 3, 6, 4, 3, 0];

interface InSpan {
  start: number;
  end: number;
  phase: number;
  req: number;
}

const spanArb = fc
  .record({
    start: fc.double({ min: -50_000, max: 1_050_000, noNaN: true }),
    length: fc.oneof(fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 400_000, noNaN: true })),
    phase: fc.integer({ min: 0, max: 11 }),
    req: fc.integer({ min: 0, max: 5 }),
  })
  .map(({ start, length, phase, req }): InSpan => ({ start, end: start + length, phase, req }));

const scaleArb = fc
  .tuple(
    fc.double({ min: 0, max: 500_000, noNaN: true }),
    fc.double({ min: 100, max: 2_000_000, noNaN: true }),
    fc.integer({ min: 1, max: 600 }),
  )
  .map(([start, span, width]) => TimeScale.fit(start, start + span, width));

/** The naive reference: for each column, the first highest-priority span that touches it. */
function naiveColumns(scale: TimeScale, spans: InSpan[]): ({ phase: number; req: number } | null)[] {
  const columns = Math.ceil(scale.widthCssPx);
  const out: ({ phase: number; req: number; p: number } | null)[] = new Array(columns).fill(null);
  for (const s of spans) {
    const x0 = Math.floor(scale.cssPxFromMicros(s.start));
    const x1 = Math.max(x0 + 1, Math.ceil(scale.cssPxFromMicros(s.end)));
    for (let c = x0; c < x1; c++) {
      if (c < 0 || c >= columns) continue;
      const p = PRIORITY[s.phase];
      const cur = out[c];
      if (!cur || p > cur.p) out[c] = { phase: s.phase, req: s.req, p };
    }
  }
  return out;
}

function merge(scale: TimeScale, spans: InSpan[]): RectList {
  const merger = new RowMerger(scale, PRIORITY);
  const out = new RectList();
  for (const s of spans) merger.add(s.start, s.end, s.phase, s.req);
  merger.flush(out);
  return out;
}

test('merged rectangles cover exactly the columns the spans touched, with the winning phase', () => {
  fc.assert(
    fc.property(scaleArb, fc.array(spanArb, { maxLength: 300 }), (scale, spans) => {
      const rects = merge(scale, spans);
      const expected = naiveColumns(scale, spans);
      const got: ({ phase: number; req: number } | null)[] = new Array(expected.length).fill(null);
      for (let i = 0; i < rects.count; i++) {
        assert.ok(rects.widthCssPx[i] >= 1);
        for (let c = rects.xCssPx[i]; c < rects.xCssPx[i] + rects.widthCssPx[i]; c++) {
          assert.equal(got[c], null, `column ${c} is covered twice`);
          got[c] = { phase: rects.phase[i], req: rects.req[i] };
        }
      }
      for (let c = 0; c < expected.length; c++) {
        const e = expected[c];
        const g = got[c];
        assert.equal(g === null, e === null, `column ${c}: covered ${g !== null}, expected ${e !== null}`);
        if (e && g) {
          assert.equal(g.phase, e.phase, `column ${c} phase`);
          if (g.req !== MIXED_REQUESTS) assert.equal(g.req, e.req, `column ${c} request`);
        }
      }
    }),
  );
});

test('never more rectangles than pixel columns, however many spans', () => {
  fc.assert(
    fc.property(scaleArb, fc.array(spanArb, { minLength: 500, maxLength: 2000 }), (scale, spans) => {
      assert.ok(merge(scale, spans).count <= Math.ceil(scale.widthCssPx));
    }),
    { numRuns: 30 },
  );
});

test('100,000 sub-pixel spans of one phase collapse into one rectangle', () => {
  const scale = TimeScale.fit(0, 1_000_000, 1000);
  const spans: InSpan[] = [];
  for (let i = 0; i < 100_000; i++) spans.push({ start: i * 10, end: i * 10 + 8, phase: 3, req: i });
  const rects = merge(scale, spans);
  assert.equal(rects.count, 1);
  assert.equal(rects.widthCssPx[0], 1000);
  assert.equal(rects.req[0], MIXED_REQUESTS);
});

test('wide spans of different requests stay separate rectangles naming their request', () => {
  const scale = TimeScale.fit(0, 1_000, 100);
  const rects = merge(scale, [
    { start: 0, end: 300, phase: 1, req: 7 },
    { start: 300, end: 700, phase: 1, req: 8 },
  ]);
  assert.equal(rects.count, 2);
  assert.deepEqual([rects.xCssPx[0], rects.widthCssPx[0], rects.req[0]], [0, 30, 7]);
  assert.deepEqual([rects.xCssPx[1], rects.widthCssPx[1], rects.req[1]], [30, 40, 8]);
});

test('a higher-priority span inside a lower one shows through', () => {
  const scale = TimeScale.fit(0, 1_000, 100);
  // "running" (priority 1) around a "block" (priority 6), as a sync worker records them.
  const rects = merge(scale, [
    { start: 400, end: 600, phase: 3, req: 1 },
    { start: 0, end: 1000, phase: 1, req: 1 },
  ]);
  assert.deepEqual(
    Array.from({ length: rects.count }, (_, i) => [rects.xCssPx[i], rects.widthCssPx[i], rects.phase[i]]),
    [
      [0, 40, 1],
      [40, 20, 3],
      [60, 40, 1],
    ],
  );
});

test('touchedColumns gives at least one column and clips to the canvas', () => {
  const scale = TimeScale.fit(0, 100, 10);
  assert.deepEqual(touchedColumns(scale, 35, 35), [3, 4]);
  assert.deepEqual(touchedColumns(scale, 35, 52), [3, 6]);
  assert.deepEqual(touchedColumns(scale, -500, 5000), [0, 10]);
  const [from, to] = touchedColumns(scale, 200, 300);
  assert.ok(from >= to);
});

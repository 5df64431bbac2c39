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
// "running" (1) and "client" (11) are context.
const CONTEXT = PRIORITY.map((_, p) => p === 1 || p === 11);
const RULES = { priority: PRIORITY, context: CONTEXT };

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

/**
 * The naive reference, span by span and column by column: a column shows the work phase that
 * covers most of it (context phases only where no work touches it; equal coverage goes to the
 * higher priority), and names the request of the span covering most of it, work first.
 */
function naiveColumns(scale: TimeScale, spans: InSpan[]): ({ phase: number; req: number } | null)[] {
  const columns = Math.ceil(scale.widthCssPx);
  const cover = Array.from({ length: columns }, () => new Array<number>(PRIORITY.length).fill(0));
  const best = Array.from({ length: columns }, () => ({ score: 0, req: 0 }));
  for (const s of spans) {
    const x0 = scale.cssPxFromMicros(s.start);
    const x1 = scale.cssPxFromMicros(s.end);
    const first = Math.floor(x0);
    const last = Math.max(first + 1, Math.ceil(x1));
    for (let c = Math.max(0, first); c < Math.min(columns, last); c++) {
      const overlap = Math.max(1e-6, Math.min(x1, c + 1) - Math.max(x0, c));
      cover[c][s.phase] += overlap;
      const score = overlap + (CONTEXT[s.phase] ? 0 : 2);
      if (score > best[c].score) best[c] = { score, req: s.req };
    }
  }
  return cover.map((phases, c) => {
    const touched = phases.map((v, p) => ({ v, p })).filter((x) => x.v > 0);
    if (touched.length === 0) return null;
    const work = touched.filter((x) => !CONTEXT[x.p]);
    const pool = work.length ? work : touched;
    pool.sort((a, b) => b.v - a.v || PRIORITY[b.p] - PRIORITY[a.p]);
    return { phase: pool[0].p, req: best[c].req };
  });
}

function merge(scale: TimeScale, spans: InSpan[]): RectList {
  const merger = new RowMerger(scale, RULES);
  const out = new RectList();
  for (const s of spans) merger.add(s.start, s.end, s.phase, s.req);
  merger.flush(out);
  return out;
}

test('merged rectangles cover exactly the columns the spans touched, each with the phase covering most of it', () => {
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

test('zoomed out, a thread blocked most of the time reads as blocked, not as its brief cpu bursts', () => {
  const scale = TimeScale.fit(0, 1_000_000, 100);
  const spans: InSpan[] = [];
  for (let i = 0; i < 1000; i++) {
    const t = i * 1000;
    spans.push({ start: t, end: t + 1000, phase: 1, req: i }); // running, around:
    spans.push({ start: t + 100, end: t + 800, phase: 3, req: i }); // block 70%
    spans.push({ start: t + 800, end: t + 1000, phase: 4, req: i }); // cpu 20% (higher priority)
  }
  const rects = merge(scale, spans);
  assert.equal(rects.count, 1);
  assert.equal(rects.phase[0], 3);
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

test('work inside a context span shows through it', () => {
  const scale = TimeScale.fit(0, 1_000, 100);
  // "running" (context) around a "block", as a sync worker records them.
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

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { linePoints } from '../../../../../renderer/src/charts/live/line-points.ts';
import { linearScale } from '../../../../../renderer/src/charts/live/plot-area.ts';

const x = linearScale(0, 100, 0, 1000);
const y = linearScale(0, 10, 100, 0);
const pairs = (flat: number[]) => Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]]);

test('a straight line has one vertex per point, in pixels', () => {
  const rows = [
    { tMs: 0, v: 0 },
    { tMs: 50, v: 5 },
    { tMs: 100, v: 10 },
  ];
  assert.deepEqual(pairs(linePoints(rows, 'v', x, y, false)), [
    [0, 100],
    [500, 50],
    [1000, 0],
  ]);
});

test('a step line holds each value until the next point, then rises or falls straight', () => {
  const rows = [
    { tMs: 0, v: 2 },
    { tMs: 10, v: 6 },
    { tMs: 20, v: 1 },
  ];
  assert.deepEqual(pairs(linePoints(rows, 'v', x, y, true)), [
    [0, 80],
    [100, 80],
    [100, 40],
    [200, 40],
    [200, 90],
  ]);
});

test('points without a number are skipped and the line joins across them', () => {
  const rows = [{ tMs: 0, v: 1 }, { tMs: 10 }, { tMs: 20, v: Number.NaN }, { tMs: 30, v: 3 }];
  assert.deepEqual(pairs(linePoints(rows, 'v', x, y, false)), [
    [0, 90],
    [300, 70],
  ]);
  assert.deepEqual(linePoints([{ tMs: 0 }], 'v', x, y, true), []);
});

test('every segment of a step line is horizontal or vertical and it passes through every point', () => {
  const rowsArb = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 10, noNaN: true })), {
      maxLength: 40,
    })
    .map((r) => r.sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ tMs: t, v })));
  fc.assert(
    fc.property(rowsArb, (rows) => {
      const vertices = pairs(linePoints(rows, 'v', x, y, true));
      assert.equal(vertices.length, rows.length === 0 ? 0 : 2 * rows.length - 1);
      for (let i = 1; i < vertices.length; i++) {
        const [a, b] = [vertices[i - 1], vertices[i]];
        assert.ok(a[0] === b[0] || a[1] === b[1], `segment ${i} is diagonal`);
      }
      rows.forEach((r, i) => assert.deepEqual(vertices[2 * i], [x(r.tMs), y(r.v)]));
    }),
  );
});

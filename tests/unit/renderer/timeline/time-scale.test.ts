import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  MAX_MICROS_PER_CSS_PX,
  MIN_MICROS_PER_CSS_PX,
  TimeScale,
} from '../../../../renderer/src/timeline/time-scale.ts';

const time = fc.double({ min: -1e9, max: 1e10, noNaN: true });
const width = fc.integer({ min: 1, max: 4000 });
const scaleArb = fc
  .tuple(time, fc.double({ min: 1, max: 1e9, noNaN: true }), width)
  .map(([start, span, w]) => TimeScale.fit(start, start + span, w));

const close = (a: number, b: number, tolerance: number) =>
  assert.ok(Math.abs(a - b) <= tolerance, `${a} is not within ${tolerance} of ${b}`);

test('fit shows exactly the requested range across the width', () => {
  const s = TimeScale.fit(1_000, 101_000, 500);
  assert.equal(s.startMicros, 1_000);
  assert.equal(s.endMicros, 101_000);
  assert.equal(s.cssPxFromMicros(1_000), 0);
  assert.equal(s.cssPxFromMicros(101_000), 500);
  assert.equal(s.cssPxFromMicros(51_000), 250);
});

test('micros → cssPx → micros round-trips', () => {
  fc.assert(
    fc.property(scaleArb, time, (s, t) => {
      close(s.microsFromCssPx(s.cssPxFromMicros(t)), t, Math.abs(t) * 1e-12 + Math.abs(s.startMicros) * 1e-12 + 1e-6);
    }),
  );
});

test('cssPx → micros → cssPx round-trips', () => {
  fc.assert(
    fc.property(scaleArb, fc.double({ min: -1e4, max: 1e4, noNaN: true }), (s, x) => {
      close(s.cssPxFromMicros(s.microsFromCssPx(x)), x, 1e-6 * (1 + Math.abs(s.startMicros) / s.microsPerCssPx));
    }),
  );
});

test('zooming keeps the time under the anchor in place, and zoom in then out restores the scale', () => {
  fc.assert(
    fc.property(
      scaleArb,
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 1.01, max: 8, noNaN: true }),
      (s, at, factor) => {
        const anchor = at * s.widthCssPx;
        const zoomed = s.zoomAt(anchor, factor);
        const tolerance = 1e-6 * (Math.abs(s.startMicros) + s.durationMicros);
        close(zoomed.microsFromCssPx(anchor), s.microsFromCssPx(anchor), tolerance);
        const back = zoomed.zoomAt(anchor, 1 / factor);
        // Unless the zoom in hit the closest limit, zooming back out restores the scale.
        if (s.microsPerCssPx / factor > MIN_MICROS_PER_CSS_PX && s.microsPerCssPx <= MAX_MICROS_PER_CSS_PX) {
          close(back.microsPerCssPx, s.microsPerCssPx, s.microsPerCssPx * 1e-9);
          close(back.startMicros, s.startMicros, tolerance);
        }
      },
    ),
  );
});

test('zoom is clamped to its limits', () => {
  const s = TimeScale.fit(0, 1_000, 1_000);
  assert.equal(s.zoomAt(0, 1e9).microsPerCssPx, MIN_MICROS_PER_CSS_PX);
  assert.equal(s.zoomAt(0, 1e-12).microsPerCssPx, MAX_MICROS_PER_CSS_PX);
});

test('panning moves the window by whole pixels of time and back', () => {
  fc.assert(
    fc.property(scaleArb, fc.integer({ min: -5000, max: 5000 }), (s, dx) => {
      const moved = s.panByCssPx(dx);
      close(
        moved.startMicros - s.startMicros,
        dx * s.microsPerCssPx,
        1e-6 * (Math.abs(s.startMicros) + Math.abs(dx * s.microsPerCssPx)),
      );
      assert.equal(moved.microsPerCssPx, s.microsPerCssPx);
      close(
        moved.panByCssPx(-dx).startMicros,
        s.startMicros,
        1e-6 * (Math.abs(s.startMicros) + Math.abs(dx * s.microsPerCssPx)),
      );
    }),
  );
});

test('withRightEdgeAt keeps the zoom and puts the time at the right edge', () => {
  const s = TimeScale.fit(0, 2_000_000, 800).withRightEdgeAt(5_000_000);
  assert.equal(s.endMicros, 5_000_000);
  assert.equal(s.durationMicros, 2_000_000);
  assert.equal(s.withWidth(400).durationMicros, 1_000_000);
});

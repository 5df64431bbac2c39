import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fitLive,
  fitTo,
  follow,
  followNow,
  initialViewport,
  panBy,
  resize,
  scrollBy,
  zoomBy,
} from '../../../../renderer/src/timeline/viewport.ts';

test('following shows the run from 0 until it outgrows the window, then keeps now at the right edge', () => {
  let v = initialViewport(1000, 2_000_000);
  v = followNow(v, 500_000);
  assert.equal(v.scale.startMicros, 0);
  v = followNow(v, 3_500_000);
  assert.equal(v.scale.endMicros, 3_500_000);
  assert.equal(v.scale.durationMicros, 2_000_000);
});

test('panning stops following; follow resumes it', () => {
  let v = followNow(initialViewport(1000), 5_000_000);
  v = panBy(v, -100);
  assert.equal(v.following, false);
  const frozen = followNow(v, 9_000_000);
  assert.equal(frozen, v);
  v = followNow(follow(v), 9_000_000);
  assert.equal(v.scale.endMicros, 9_000_000);
});

test('zooming while following keeps following around the live edge', () => {
  let v = followNow(initialViewport(1000, 2_000_000), 5_000_000);
  v = zoomBy(v, 100, 2);
  assert.equal(v.following, true);
  assert.equal(v.scale.durationMicros, 1_000_000);
  assert.equal(v.scale.endMicros, 5_000_000);
});

test('vertical scroll is clamped to the content and stops following', () => {
  const v = scrollBy(initialViewport(1000), 500, 800, 300);
  assert.equal(v.scrollYCssPx, 500);
  assert.equal(scrollBy(v, 1000, 800, 300).scrollYCssPx, 500);
  assert.equal(scrollBy(v, -1000, 800, 300).scrollYCssPx, 0);
  assert.equal(scrollBy(v, 10, 200, 300).scrollYCssPx, 0);
  assert.equal(v.following, false);
});

test('fitting shows the whole run with a little margin', () => {
  const v = fitTo(initialViewport(1000), 0, 1_000_000);
  assert.ok(v.scale.startMicros < 0 && v.scale.endMicros > 1_000_000);
  assert.ok(v.scale.durationMicros < 1_100_000);
  assert.equal(v.following, false);
});

test('the live waterfall window runs from its earliest row to now, still following', () => {
  const v = fitLive(initialViewport(1000), 4_000_000, 4_300_000);
  assert.equal(v.following, true);
  assert.ok(v.scale.startMicros < 4_000_000 && v.scale.startMicros > 3_980_000);
  assert.ok(v.scale.endMicros > 4_300_000 && v.scale.endMicros < 4_310_000);
});

test('a resize keeps the time in view; a width too narrow for it (1 px, for a moment) changes nothing', () => {
  const fitted = fitTo(initialViewport(600), 0, 6_000_000);
  const span = fitted.scale.durationMicros;
  const wider = resize(fitted, 900);
  assert.equal(wider.scale.startMicros, fitted.scale.startMicros);
  assert.ok(Math.abs(wider.scale.durationMicros - span) < 1e-3);
  // 6.24 s across 1 px is past the farthest zoom (3.6 s a pixel): the old scale stays, and
  // widening again shows the whole run, not its first 3.6 s.
  const squeezed = resize(fitted, 1);
  assert.equal(squeezed, fitted);
  assert.ok(Math.abs(resize(squeezed, 900).scale.durationMicros - span) < 1e-3);
});

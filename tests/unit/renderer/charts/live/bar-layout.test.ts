import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barRects } from '../../../../../renderer/src/charts/live/bar-layout.ts';
import { linearScale } from '../../../../../renderer/src/charts/live/plot-area.ts';

const y = linearScale(0, 100, 140, 6);

test('each bin fills its band less a gap on either side, standing on the x axis', () => {
  const x = linearScale(0, 4, 56, 356); // 75 px bands
  const bars = barRects([0, 50, 100, 25], x, y, 1);
  assert.deepEqual(
    bars.map((b) => [b.x, b.width]),
    [
      [57, 73],
      [132, 73],
      [207, 73],
      [282, 73],
    ],
  );
  for (const b of bars) assert.equal(b.y + b.height, 140);
  assert.equal(bars[0].height, 0);
  assert.equal(bars[2].y, 6);
  assert.equal(bars[1].height, 67);
});

test('neighbouring bars never touch, and none leaves the plot, at any width', () => {
  for (const width of [31, 120, 303, 708]) {
    const x = linearScale(0, 30, 56, 56 + width);
    const bars = barRects(new Array(30).fill(10), x, y, 1);
    for (let i = 1; i < bars.length; i++) {
      const gap = bars[i].x - (bars[i - 1].x + bars[i - 1].width);
      // A band under 3 px has no room for two gaps: its bars share an edge rather than vanish.
      assert.ok(width / 30 < 3 ? gap >= 0 : gap >= 2 - 1e-9, `gap ${gap} at width ${width}`);
    }
    assert.ok(bars[0].x >= 56);
    assert.ok(bars.at(-1)!.x + bars.at(-1)!.width <= 56 + width + 1e-9);
    for (const b of bars) assert.ok(b.width > 0, `bar of width ${b.width} at plot width ${width}`);
  }
});

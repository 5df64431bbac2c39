import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { PanelClock } from '../../../../renderer/src/state/panel-clock.ts';
import { TraceStore } from '../../../../renderer/src/state/trace-store.ts';
import type { RunProgress } from '../../../../shared/trace.ts';

const progress = (done: number): RunProgress => ({ done, total: 100, elapsedMs: done, plannedMs: null });

test('panels see the first change at once, then at most one snapshot per interval, and the last change of a burst', () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    const store = new TraceStore();
    const clock = new PanelClock(store, 250, () => Date.now());
    let published = 0;
    clock.subscribe(() => published++);
    store.setProgress(progress(1));
    assert.equal(published, 1);
    assert.equal(clock.snapshot.progress?.done, 1);
    for (let i = 2; i <= 50; i++) store.setProgress(progress(i));
    assert.equal(published, 1, 'a burst inside the interval waits');
    mock.timers.tick(249);
    assert.equal(published, 1);
    mock.timers.tick(1);
    assert.equal(published, 2);
    assert.equal(clock.snapshot.progress?.done, 50, 'the last change of the burst is shown');
    mock.timers.tick(10_000);
    assert.equal(published, 2, 'nothing changed, nothing published');
    clock.dispose();
  } finally {
    mock.timers.reset();
  }
});

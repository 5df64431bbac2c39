import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pickSpanAt } from '../../../../renderer/src/timeline/hit-test.ts';
import { PHASE_PRIORITY } from '../../../../renderer/src/timeline/phase-priority.ts';
import { SortedRows } from '../../../../renderer/src/timeline/sorted-rows.ts';
import { SpanStore } from '../../../../renderer/src/state/span-store.ts';
import { Phase } from '../../../../shared/trace.ts';

const spansArb = fc.array(
  fc.record({
    phase: fc.integer({ min: 0, max: 11 }),
    start: fc.integer({ min: 0, max: 5_000 }),
    length: fc.integer({ min: 0, max: 800 }),
  }),
  { maxLength: 120 },
);

test('the binary-searched lookup finds what a scan of every span finds', () => {
  fc.assert(
    fc.property(
      spansArb,
      fc.integer({ min: -100, max: 6_000 }),
      fc.integer({ min: 0, max: 50 }),
      (spans, t, tolerance) => {
        const store = new SpanStore();
        store.append(spans.flatMap((s, i) => [i, 0, s.phase, s.start, s.start + s.length]));
        const rows = new SortedRows(() => store.data);
        spans.forEach((_, i) => rows.insert(0, i));
        const [from, to] = rows.candidates(0, t - tolerance, t + tolerance);
        const fast = pickSpanAt(store.data, rows.spansOf(0), from, to, t, tolerance, PHASE_PRIORITY);
        const all = Int32Array.from(spans, (_, i) => i);
        const slow = pickSpanAt(store.data, all, 0, all.length, t, tolerance, PHASE_PRIORITY);
        if (fast === slow) return;
        // Ties between equally good spans may resolve either way; they must be equally good.
        assert.ok(fast >= 0 && slow >= 0, `found ${fast}, scan found ${slow}`);
        const a = spans[fast];
        const b = spans[slow];
        const contains = (s: typeof a) => s.start <= t && t <= s.start + s.length;
        assert.equal(contains(a), contains(b));
        assert.equal(PHASE_PRIORITY[a.phase], PHASE_PRIORITY[b.phase]);
        if (contains(a)) assert.equal(a.length, b.length);
      },
    ),
  );
});

test('the inner, higher-priority span of a nest wins; a sliver is found within tolerance', () => {
  const store = new SpanStore();
  store.append([1, 0, Phase.running, 0, 1000, 1, 0, Phase.block, 200, 400, 2, 0, Phase.cpu, 1500, 1501]);
  const all = Int32Array.from([0, 1, 2]);
  assert.equal(pickSpanAt(store.data, all, 0, 3, 300, 0, PHASE_PRIORITY), 1);
  assert.equal(pickSpanAt(store.data, all, 0, 3, 700, 0, PHASE_PRIORITY), 0);
  assert.equal(pickSpanAt(store.data, all, 0, 3, 1498, 5, PHASE_PRIORITY), 2);
  assert.equal(pickSpanAt(store.data, all, 0, 3, 1400, 5, PHASE_PRIORITY), -1);
});

/**
 * What is under the pointer: no DOM node per span, just a lookup in the row under the pointer
 * (a binary search in the lanes view, a few spans in the requests view) and this choice among
 * the candidates: a span that contains the instant wins, the highest phase priority first and
 * then the shortest (the inner of nested spans, as drawn on top); failing that, the nearest span
 * within `toleranceMicros`, so a one-pixel sliver can still be hovered.
 */
import { SPAN_STRIDE, SpanField } from '../../../shared/trace.ts';

/** Index into `data` (span number) of the span to describe at instant t, or -1. */
export function pickSpanAt(
  data: Float64Array,
  candidates: ArrayLike<number>,
  from: number,
  to: number,
  t: number,
  toleranceMicros: number,
  priority: ArrayLike<number>,
): number {
  let best = -1;
  let bestPriority = -Infinity;
  let bestLength = Infinity;
  let near = -1;
  let nearDistance = Infinity;
  let nearPriority = -Infinity;
  for (let i = from; i < to; i++) {
    const span = candidates[i];
    const o = span * SPAN_STRIDE;
    const start = data[o + SpanField.start];
    const end = data[o + SpanField.end];
    const p = priority[data[o + SpanField.phase]];
    if (start <= t && t <= end) {
      const length = end - start;
      if (p > bestPriority || (p === bestPriority && length < bestLength)) {
        best = span;
        bestPriority = p;
        bestLength = length;
      }
    } else if (best < 0) {
      const distance = t < start ? start - t : t - end;
      if (distance <= toleranceMicros && (distance < nearDistance || (distance === nearDistance && p > nearPriority))) {
        near = span;
        nearDistance = distance;
        nearPriority = p;
      }
    }
  }
  return best >= 0 ? best : near;
}

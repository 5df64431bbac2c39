/**
 * Which x-axis labels fit, chosen as recharts chooses them for the still charts (its default
 * `preserveEnd`): the last label is kept, pulled left if it would run off the chart; then, going
 * left, each label is kept if it stays clear of the one kept after it by `minGap` and stays on
 * the chart. So the live and the still chart label the same ticks.
 */
import type { CssPx } from '../../timeline/time-scale.ts';

export interface TickLabel {
  /** Where the tick is; the label is centred on it. */
  at: CssPx;
  width: CssPx;
}

export interface ShownLabel {
  index: number;
  /** The label's centre, which may differ from its tick's position for the last label. */
  at: CssPx;
}

export function shownLabels(labels: readonly TickLabel[], minGap: CssPx, start: CssPx, end: CssPx): ShownLabel[] {
  const shown: ShownLabel[] = [];
  let limit = end;
  for (let i = labels.length - 1; i >= 0; i--) {
    const { width } = labels[i];
    let at = labels[i].at;
    if (i === labels.length - 1) at = Math.min(at, end - width / 2);
    if (at - width / 2 < start || at + width / 2 > limit) continue;
    shown.unshift({ index: i, at });
    limit = at - width / 2 - minGap;
  }
  return shown;
}

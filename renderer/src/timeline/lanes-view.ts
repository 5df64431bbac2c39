/**
 * The lanes view as configuration: one row per server thread (the loop, executor threads,
 * sync workers, grouped by process), fed with the spans that held that thread. Rows stretch to
 * fill the view when there are few threads and scroll when there are many.
 */
import { importedTarget } from '../../../shared/imported-run.ts';
import { SPAN_STRIDE, SpanField, type Lane } from '../../../shared/trace.ts';
import type { TraceStore } from '../state/trace-store.ts';
import { pickSpanAt } from './hit-test.ts';
import { orderServerLanes, rowAtY, stackLanes } from './lane-layout.ts';
import { PHASE_PRIORITY } from './phase-priority.ts';
import type { CssPx } from './time-scale.ts';
import type { Hit, RowLabel, TimelineView, Track } from './track.ts';

const MIN_ROW_CSS_PX = 18;
const MAX_ROW_CSS_PX = 64;
const PROCESS_GAP_CSS_PX = 6;
const BAR_INSET_CSS_PX = 2;

export class LanesView implements TimelineView {
  private lanesSeen: readonly Lane[] = [];
  private ordered: Lane[] = [];

  constructor(private readonly store: TraceStore) {}

  private lanes(): Lane[] {
    if (this.store.lanes !== this.lanesSeen) {
      this.lanesSeen = this.store.lanes;
      this.ordered = orderServerLanes(this.store.lanes);
    }
    return this.ordered;
  }

  private rowHeight(viewHeightCssPx: CssPx): CssPx {
    const lanes = this.lanes();
    const processes = new Set(lanes.map((l) => l.process)).size;
    const fit = Math.floor((viewHeightCssPx - (processes - 1) * PROCESS_GAP_CSS_PX) / Math.max(1, lanes.length));
    return Math.max(MIN_ROW_CSS_PX, Math.min(MAX_ROW_CSS_PX, fit));
  }

  contentHeightCssPx(viewHeightCssPx: CssPx): CssPx {
    const lanes = this.lanes();
    if (lanes.length === 0) return 0;
    const rowHeight = this.rowHeight(viewHeightCssPx);
    return stackLanes(lanes, rowHeight, PROCESS_GAP_CSS_PX)[lanes.length - 1] + rowHeight;
  }

  layout(scrollYCssPx: CssPx, viewHeightCssPx: CssPx) {
    const lanes = this.lanes();
    const rowHeight = this.rowHeight(viewHeightCssPx);
    const tops = stackLanes(lanes, rowHeight, PROCESS_GAP_CSS_PX);
    const tracks: Track[] = [];
    const labels: RowLabel[] = [];
    const { laneRows, spans } = this.store;
    lanes.forEach((lane, i) => {
      const y = tops[i] - scrollYCssPx;
      if (y + rowHeight < 0 || y > viewHeightCssPx) return;
      tracks.push({
        yCssPx: y + BAR_INSET_CSS_PX,
        heightCssPx: rowHeight - 2 * BAR_INSET_CSS_PX,
        feed(merger, t0, t1) {
          const [from, to] = laneRows.candidates(lane.id, t0, t1);
          const ids = laneRows.spansOf(lane.id);
          const data = spans.data;
          for (let k = from; k < to; k++) {
            const o = ids[k] * SPAN_STRIDE;
            merger.add(
              data[o + SpanField.start],
              data[o + SpanField.end],
              data[o + SpanField.phase],
              data[o + SpanField.req],
            );
          }
        },
      });
      labels.push({
        yCssPx: y,
        heightCssPx: rowHeight,
        text: lane.name,
        detail: '',
        tone: laneRows.spansOf(lane.id).length ? 'normal' : 'muted',
        req: -1,
      });
    });
    return { tracks, labels };
  }

  note(): string | null {
    if (importedTarget(this.store.currentScenario))
      return 'An imported run has no server threads: the requests view shows each request.';
    const lanes = this.lanes();
    // A URL run's server is not ours: no thread reported, unless its responses carried the metrics.
    if (lanes.length === 0 && this.store.currentScenario?.target?.kind === 'url' && this.store.requestById.size > 0)
      return 'No server threads: your server did not report them. The requests view shows each request.';
    if (this.store.spans.count === 0 || lanes.some((l) => this.store.laneRows.spansOf(l.id).length > 0)) return null;
    return 'No thread was held: every wait freed its thread. The requests view shows the waits.';
  }

  hit(t: number, yCssPx: CssPx, scrollYCssPx: CssPx, viewHeightCssPx: CssPx, toleranceMicros: number): Hit | null {
    const lanes = this.lanes();
    const rowHeight = this.rowHeight(viewHeightCssPx);
    const row = rowAtY(stackLanes(lanes, rowHeight, PROCESS_GAP_CSS_PX), rowHeight, yCssPx + scrollYCssPx);
    if (row < 0) return null;
    const id = lanes[row].id;
    const [from, to] = this.store.laneRows.candidates(id, t - toleranceMicros, t + toleranceMicros);
    const span = pickSpanAt(
      this.store.spans.data,
      this.store.laneRows.spansOf(id),
      from,
      to,
      t,
      toleranceMicros,
      PHASE_PRIORITY,
    );
    return span < 0 ? null : { kind: 'span', span };
  }
}

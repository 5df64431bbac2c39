/** The hover card: one element, rewritten in place, positioned beside the pointer within the canvas. */
import type { TraceStore } from '../state/trace-store.ts';
import { describeRequest } from './request-details.ts';
import { describeSpan } from './span-details.ts';
import type { Hit } from './track.ts';

/** Span numbers of one request (its row in the requests view). */
function spansOfRequest(store: TraceStore, req: number): number[] {
  const spans: number[] = [];
  const row = store.requestRows.rowOf(req);
  if (row >= 0) store.requestRows.forEach(row, (span) => spans.push(span));
  return spans;
}

export class TimelineTooltip {
  /** What the card shows now ('span 12', 'request 7'), so hovering the same thing rewrites nothing. */
  private shown = '';

  constructor(private readonly element: HTMLElement) {
    element.hidden = true;
  }

  show(store: TraceStore, hit: Hit, x: number, y: number, widthCssPx: number, heightCssPx: number): void {
    const key = hit.kind === 'span' ? `span ${hit.span}` : `request ${hit.req}`;
    if (key !== this.shown) {
      const ctx = {
        data: store.spans.data,
        lanes: store.lanes,
        requestById: store.requestById,
        scenario: store.currentScenario,
        waits: { laneRows: store.laneRows, spansOfReq: (req: number) => spansOfRequest(store, req) },
      };
      const d = hit.kind === 'span' ? describeSpan(ctx, hit.span) : describeRequest(ctx, hit.req);
      const title = document.createElement('strong');
      title.textContent = d.title;
      const lines = d.lines.map((line) => {
        const div = document.createElement('div');
        div.textContent = line;
        return div;
      });
      this.element.replaceChildren(title, ...lines);
      this.shown = key;
    }
    this.element.hidden = false;
    const w = this.element.offsetWidth;
    const h = this.element.offsetHeight;
    const left = x + 14 + w > widthCssPx ? Math.max(0, x - 14 - w) : x + 14;
    const top = Math.min(Math.max(0, heightCssPx - h), y + 14);
    this.element.style.transform = `translate(${left}px, ${top}px)`;
  }

  hide(): void {
    this.element.hidden = true;
    this.shown = '';
  }
}

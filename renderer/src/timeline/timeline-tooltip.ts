/** The hover card: one element, rewritten in place, positioned beside the pointer within the canvas. */
import type { TraceStore } from '../state/trace-store.ts';
import { describeSpan } from './span-details.ts';

export class TimelineTooltip {
  private shownSpan = -1;

  constructor(private readonly element: HTMLElement) {
    element.hidden = true;
  }

  show(store: TraceStore, span: number, x: number, y: number, widthCssPx: number, heightCssPx: number): void {
    if (span !== this.shownSpan) {
      const d = describeSpan(
        { data: store.spans.data, lanes: store.lanes, requestById: store.requestById, scenario: store.currentScenario },
        span,
      );
      const title = document.createElement('strong');
      title.textContent = d.title;
      const lines = d.lines.map((line) => {
        const div = document.createElement('div');
        div.textContent = line;
        return div;
      });
      this.element.replaceChildren(title, ...lines);
      this.shownSpan = span;
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
    this.shownSpan = -1;
  }
}

/**
 * The lanes timeline as one inline SVG: a row per server thread, coloured by what held it, so
 * the interleaving is visible in a static file.
 *
 * Spans narrower than a pixel are merged, the way the live timeline does: the plot is cut into
 * pixel columns, each column of a lane takes the (phase, request) that covered most of it, and
 * runs of equal columns become one rect. `running` only wins a column nothing more specific
 * covers (it is the frame around the block or cpu inside it). If the result would exceed the
 * rect budget (2,000 by default) the columns widen (2 px, 4 px …) until it fits, so a report of
 * a 100,000-request run stays a light file.
 */
import { formatMs } from '../../analysis/format.ts';
import { busyIntervalsByLane } from '../../analysis/busy-threads.ts';
import { niceTicks } from '../../analysis/nice-numbers.ts';
import { runExtent, type RunRecords } from '../../analysis/time-grid.ts';
import { phaseColor } from '../../phase-colors.ts';
import { PHASES, SPAN_STRIDE, SpanField, type Lane, type PhaseCode } from '../../trace.ts';
import { esc, num } from './escape.ts';

export interface LanesSvgOptions {
  width?: number;
  rowHeight?: number;
  maxRows?: number;
  maxRects?: number;
  /** Names requests in tooltips ("request 3 (checkout)"). */
  endpointOf?: (req: number) => string | undefined;
}

export interface LanesSvg {
  svg: string;
  rects: number;
  /** Lanes left out because there were more than `maxRows`. */
  hiddenLanes: number;
  /** Phase codes drawn, for the legend. */
  phases: number[];
}

const LABEL_WIDTH = 130;
const AXIS_HEIGHT = 24;
const RUNNING = PHASES.findIndex((p) => p.id === 'running');

interface Rect {
  lane: number;
  from: number;
  to: number;
  phase: number;
  req: number;
  coveredUs: number;
}

/** The (phase, request) with the most coverage per column of one lane, as runs of columns. */
function laneRects(lane: number, spans: readonly number[][], t0: number, usPerColumn: number, columns: number): Rect[] {
  const cover: (Map<number, number> | undefined)[] = new Array(columns);
  for (const [req, phase, start, end] of spans) {
    const first = Math.max(0, Math.floor((start - t0) / usPerColumn));
    const last = Math.min(columns - 1, Math.floor((end - t0) / usPerColumn));
    const key = phase * 1e9 + req;
    for (let c = first; c <= last; c++) {
      const a = Math.max(start, t0 + c * usPerColumn);
      const b = Math.min(end, t0 + (c + 1) * usPerColumn);
      if (b <= a && end > start) continue;
      const map = (cover[c] ??= new Map());
      map.set(key, (map.get(key) ?? 0) + Math.max(b - a, 1e-6));
    }
  }
  const rects: Rect[] = [];
  for (let c = 0; c < columns; c++) {
    const map = cover[c];
    if (!map) continue;
    let best = -1;
    let bestScore = -1;
    let covered = 0;
    for (const [key, v] of map) {
      // Spans nest; `running` frames them and should lose to anything inside it.
      const score = Math.floor(key / 1e9) === RUNNING ? v * 1e-3 : v;
      if (score > bestScore) [best, bestScore, covered] = [key, score, v];
    }
    const phase = Math.floor(best / 1e9);
    const req = best - phase * 1e9;
    const last = rects[rects.length - 1];
    if (last && last.to === c && last.phase === phase && last.req === req) {
      last.to = c + 1;
      last.coveredUs += Math.min(covered, usPerColumn);
    } else rects.push({ lane, from: c, to: c + 1, phase, req, coveredUs: Math.min(covered, usPerColumn) });
  }
  return rects;
}

/** Server lanes to draw: all of them, or the busiest `maxRows` in lane order. */
function chooseLanes(records: RunRecords, maxRows: number): { shown: Lane[]; hidden: number } {
  const server = records.lanes.filter((l) => l.kind !== 'client').sort((a, b) => a.id - b.id);
  if (server.length <= maxRows) return { shown: server, hidden: 0 };
  const busy = busyIntervalsByLane(records);
  const total = (id: number) => (busy.get(id) ?? []).reduce((s, [a, b]) => s + b - a, 0);
  const keep = new Set(
    [...server]
      .sort((a, b) => total(b.id) - total(a.id))
      .slice(0, maxRows)
      .map((l) => l.id),
  );
  return { shown: server.filter((l) => keep.has(l.id)), hidden: server.length - maxRows };
}

export function lanesSvg(records: RunRecords, options: LanesSvgOptions = {}): LanesSvg {
  const width = options.width ?? 960;
  const rowHeight = options.rowHeight ?? 18;
  const maxRects = options.maxRects ?? 2000;
  const { shown, hidden } = chooseLanes(records, options.maxRows ?? 48);
  const extent = runExtent(records);
  const t0 = extent.startUs;
  const lengthUs = Math.max(1, extent.endUs - extent.startUs);
  // Room on the right for the last tick's label.
  const plotWidth = width - LABEL_WIDTH - 28;

  const perLane = new Map<number, number[][]>(shown.map((l) => [l.id, []]));
  const { spans } = records;
  for (let i = 0; i < spans.length; i += SPAN_STRIDE) {
    const list = perLane.get(spans[i + SpanField.lane]);
    const phase = spans[i + SpanField.phase];
    if (list && PHASES[phase].holds)
      list.push([spans[i + SpanField.req], phase, spans[i + SpanField.start], spans[i + SpanField.end]]);
  }

  let pxPerColumn = 1;
  let rects: Rect[];
  for (;;) {
    const columns = Math.max(1, Math.floor(plotWidth / pxPerColumn));
    const usPerColumn = lengthUs / columns;
    rects = shown.flatMap((lane) => laneRects(lane.id, perLane.get(lane.id) ?? [], t0, usPerColumn, columns));
    if (rects.length <= maxRects || pxPerColumn >= plotWidth) break;
    pxPerColumn *= 2;
  }

  const height = AXIS_HEIGHT + shown.length * rowHeight + 6;
  const x = (column: number) => LABEL_WIDTH + column * pxPerColumn;
  const usPerPx = lengthUs / plotWidth;
  const row = new Map(shown.map((l, i) => [l.id, i]));
  const out: string[] = [];
  out.push(`<title>Threads over time</title>`);
  for (const t of niceTicks(0, lengthUs / 1000, 8)) {
    const px = num(LABEL_WIDTH + (t * 1000) / usPerPx);
    out.push(`<line class="grid" x1="${px}" x2="${px}" y1="${AXIS_HEIGHT - 4}" y2="${height - 4}"/>`);
    out.push(`<text x="${px}" y="${AXIS_HEIGHT - 8}" text-anchor="middle">${esc(formatMs(t))}</text>`);
  }
  shown.forEach((lane, i) => {
    const y = AXIS_HEIGHT + i * rowHeight;
    if (i % 2 === 1) out.push(`<rect x="0" y="${y}" width="${width}" height="${rowHeight}" fill="#f4f6f8"/>`);
    const label = lane.name.length > 20 ? `${lane.name.slice(0, 19)}…` : lane.name;
    out.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + rowHeight / 2}" text-anchor="end" dominant-baseline="middle">${esc(label)}</text>`,
    );
  });
  const phases = new Set<number>();
  for (const r of rects) {
    phases.add(r.phase);
    const y = AXIS_HEIGHT + (row.get(r.lane) as number) * rowHeight + 2;
    const w = (r.to - r.from) * pxPerColumn;
    const endpoint = options.endpointOf?.(r.req);
    const tip = `request ${r.req}${endpoint ? ` (${endpoint})` : ''} · ${PHASES[r.phase].label} · ${formatMs(r.coveredUs / 1000)}`;
    // A hairline on wide rects keeps back-to-back requests of one phase apart.
    const edge = w >= 4 ? ' stroke="#ffffff" stroke-width="0.6"' : '';
    out.push(
      `<rect x="${num(x(r.from))}" y="${y}" width="${num(w)}" height="${rowHeight - 4}" fill="${phaseColor(r.phase as PhaseCode)}"${edge}><title>${esc(tip)}</title></rect>`,
    );
  }
  out.push(`<line class="axis" x1="${LABEL_WIDTH}" x2="${LABEL_WIDTH}" y1="${AXIS_HEIGHT - 4}" y2="${height - 4}"/>`);
  return {
    svg: `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Threads over time">${out.join('')}</svg>`,
    rects: rects.length,
    hiddenLanes: hidden,
    phases: [...phases].sort((a, b) => a - b),
  };
}

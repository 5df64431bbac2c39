/**
 * The one row renderer. Every track of the frame is merged to pixel rectangles (level of
 * detail), then drawn phase by phase so the fill colour changes a dozen times a frame, not once
 * per rectangle. Where two requests meet inside one phase a one-pixel gap separates them, and
 * rectangles wide enough carry their request's number: the interleaving reads without hovering.
 */
import { MIXED_REQUESTS, RectList, type RowMerger } from './level-of-detail.ts';
import type { TimelinePalette } from './timeline-palette.ts';
import type { TimeScale } from './time-scale.ts';
import type { Track } from './track.ts';

const LABEL_MIN_CSS_PX = 30;
const LABEL_MIN_HEIGHT_CSS_PX = 11;
const GAP_MIN_CSS_PX = 4;
const MAX_LABELS = 400;

const rects = new RectList();
let trackEnds = new Int32Array(64);

export interface DrawRowsInput {
  ctx: CanvasRenderingContext2D;
  tracks: readonly Track[];
  scale: TimeScale;
  merger: RowMerger;
  palette: TimelinePalette;
  /** Left edge of the time area, CSS px. */
  xOffsetCssPx: number;
  /** Request to outline, or -1. */
  highlightReq: number;
  /** Write request numbers in wide rectangles (the lanes view; a request row names itself). */
  labelRequests: boolean;
}

/** Draws the tracks; returns how many rectangles it filled (for the level-of-detail budget). */
export function drawTracks(input: DrawRowsInput): number {
  const { ctx, tracks, scale, merger, palette, xOffsetCssPx, highlightReq, labelRequests } = input;
  rects.clear();
  if (trackEnds.length < tracks.length) trackEnds = new Int32Array(tracks.length * 2);
  const t0 = scale.startMicros;
  const t1 = scale.endMicros;
  merger.setScale(scale);
  tracks.forEach((track, i) => {
    track.feed(merger, t0, t1);
    merger.flush(rects);
    trackEnds[i] = rects.count;
  });

  const { xCssPx, widthCssPx, phase, req } = rects;
  for (let p = 0; p < palette.phaseFill.length; p++) {
    ctx.fillStyle = palette.phaseFill[p];
    let r = 0;
    tracks.forEach((track, i) => {
      const end = trackEnds[i];
      for (; r < end; r++) {
        if (phase[r] !== p) continue;
        let w = widthCssPx[r];
        const next = r + 1;
        if (w >= GAP_MIN_CSS_PX && next < end && xCssPx[next] === xCssPx[r] + w && req[next] !== req[r]) w -= 1;
        ctx.fillRect(xOffsetCssPx + xCssPx[r], track.yCssPx, w, track.heightCssPx);
      }
    });
  }

  ctx.textBaseline = 'middle';
  ctx.font = palette.font;
  let labels = 0;
  let r = 0;
  tracks.forEach((track, i) => {
    const end = trackEnds[i];
    for (; r < end; r++) {
      const isHighlighted = highlightReq >= 0 && req[r] === highlightReq;
      if (isHighlighted) {
        ctx.strokeStyle = palette.highlight;
        ctx.lineWidth = 1.5;
        ctx.strokeRect(
          xOffsetCssPx + xCssPx[r] + 0.75,
          track.yCssPx + 0.75,
          Math.max(1, widthCssPx[r] - 1.5),
          track.heightCssPx - 1.5,
        );
      }
      if (!labelRequests || labels >= MAX_LABELS || req[r] === MIXED_REQUESTS || widthCssPx[r] < LABEL_MIN_CSS_PX)
        continue;
      if (track.heightCssPx < LABEL_MIN_HEIGHT_CSS_PX) continue;
      const text = `#${req[r]}`;
      const x = xOffsetCssPx + xCssPx[r] + 3;
      const room = widthCssPx[r] - 6;
      if (ctx.measureText(text).width > room) continue;
      ctx.fillStyle = palette.phaseText[phase[r]];
      ctx.fillText(text, x, track.yCssPx + track.heightCssPx / 2 + 0.5);
      labels++;
    }
  });
  return rects.count;
}

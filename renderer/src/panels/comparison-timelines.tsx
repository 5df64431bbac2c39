/**
 * The compared runs' first requests, one waterfall above the other on one time axis, each with
 * its cause in words (run-cause.ts). Static SVG: the runs are stored, nothing streams.
 */
import { memo, useMemo } from 'react';
import { formatMs } from '../../../shared/analysis/format.ts';
import { niceTicks } from '../../../shared/analysis/nice-numbers.ts';
import { runCause } from '../../../shared/analysis/run-cause.ts';
import { waterfallRows, type WaterfallRow } from '../../../shared/analysis/waterfall-rows.ts';
import { phaseColor, runColor, type ColorTheme } from '../../../shared/phase-colors.ts';
import type { RunDocument } from '../../../shared/run.ts';

const ROWS = 40;
const ROW_PX = 6;
const WIDTH = 1000;
const AXIS_PX = 18;

interface Props {
  docs: readonly RunDocument[];
  theme: ColorTheme;
  cores?: number;
}

function Row({ row, y, x, theme }: { row: WaterfallRow; y: number; x: (ms: number) => number; theme: ColorTheme }) {
  return (
    <g>
      <rect
        x={x(row.startMs)}
        y={y + 2}
        width={Math.max(1, x(row.endMs) - x(row.startMs))}
        height={ROW_PX - 4}
        className={row.failed ? 'wf-client failed' : 'wf-client'}
      />
      {row.segments.map((s, i) => (
        <rect
          key={i}
          x={x(s.startMs)}
          y={y}
          width={Math.max(1, x(s.endMs) - x(s.startMs))}
          height={ROW_PX - 1}
          fill={phaseColor(s.phase, theme)}
        />
      ))}
    </g>
  );
}

function Waterfall({ rows, endMs, theme }: { rows: WaterfallRow[]; endMs: number; theme: ColorTheme }) {
  const x = (ms: number) => (ms / endMs) * WIDTH;
  const height = rows.length * ROW_PX + AXIS_PX;
  const ticks = niceTicks(0, endMs, 6).filter((t) => t <= endMs);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} preserveAspectRatio="none" className="wf" role="img" height={height}>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={0} y2={height - AXIS_PX} className="wf-grid" />
          <text x={Math.min(x(t) + 2, WIDTH - 40)} y={height - 5} className="wf-tick">
            {formatMs(t)}
          </text>
        </g>
      ))}
      {rows.map((row, i) => (
        <Row key={row.req} row={row} y={i * ROW_PX} x={x} theme={theme} />
      ))}
    </svg>
  );
}

export const ComparisonTimelines = memo(function ComparisonTimelines({ docs, theme, cores }: Props) {
  const runs = useMemo(
    () => docs.map((doc) => ({ doc, rows: waterfallRows(doc, ROWS), cause: runCause(doc, cores) })),
    [docs, cores],
  );
  const endMs = Math.max(1, ...runs.flatMap((r) => r.rows.map((row) => row.endMs)));
  return (
    <div className="comparison-timelines" data-testid="comparison-timelines">
      {runs.map(({ doc, rows, cause }, i) => (
        <figure key={doc.info.id} data-testid={`comparison-timeline-${i}`}>
          <figcaption>
            <span className="swatch" style={{ background: runColor(i, theme) }} />
            <strong>{doc.info.name}</strong>: {cause}
          </figcaption>
          <Waterfall rows={rows} endMs={endMs} theme={theme} />
        </figure>
      ))}
      <p className="note">
        The first {ROWS} requests of each run, one row each, on one time axis: the grey line is the request from its
        intended send to its response, the colours what the server did for it.
      </p>
    </div>
  );
});

/**
 * A line chart over run time, configured by the series it draws.
 *
 * recharts 3 keeps its own store: every prop that changes identity (a margin object, an inline
 * formatter, a ticks array) is dispatched into it and re-renders the chart's internals. So every
 * prop here is stable unless the data changed: constants at module level, formatters passed in
 * from module scope, ticks and styles memoised. Animation and dots are off.
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMs } from '../../../shared/analysis/format.ts';
import { niceAxisMax, niceTicks } from '../../../shared/analysis/nice-numbers.ts';
import type { ChartColors } from '../theme/chart-theme.ts';
import { CHART_HEIGHT } from './chart-frame.tsx';

export interface LineSpec {
  key: string;
  name: string;
  color: string;
}

interface Props<T> {
  data: readonly T[];
  lines: readonly LineSpec[];
  domainMs: [number, number];
  colors: ChartColors;
  /** Must be stable (module scope): it is part of the chart's settings. */
  formatY: (v: number) => string;
  step?: boolean;
  legend?: boolean;
  /** Gridlines and the hover tooltip cost recharts more than the lines: both only once a run is still. */
  still: boolean;
}

export const CHART_MARGIN = { top: 6, right: 10, bottom: 0, left: 0 } as const;
const LEGEND_STYLE = { fontSize: 11 } as const;
const formatX = (v: number) => formatMs(v);
const formatLabel = (v: unknown) => `at ${formatMs(Number(v))}`;

/** Largest value any line reaches, for a round axis top. */
function maxOf(data: readonly object[], lines: readonly LineSpec[]): number {
  let max = 0;
  for (const d of data) {
    for (const l of lines) {
      const v = (d as Record<string, unknown>)[l.key];
      if (typeof v === 'number' && v > max) max = v;
    }
  }
  return max;
}

function OverTimeChartImpl<T extends { tMs: number }>({
  data,
  lines,
  domainMs,
  colors,
  formatY,
  step,
  legend,
  still,
}: Props<T>) {
  const [from, to] = domainMs;
  const domain = useMemo(() => [from, to] as [number, number], [from, to]);
  const ticks = useMemo(() => niceTicks(from, to, 5), [from, to]);
  const top = useMemo(() => niceAxisMax(maxOf(data, lines), 4), [data, lines]);
  const yDomain = useMemo(() => [0, top] as [number, number], [top]);
  const yTicks = useMemo(() => niceTicks(0, top, 4), [top]);
  const tooltipStyle = useMemo(
    () => ({ background: colors.panel, border: `1px solid ${colors.grid}`, fontSize: 12 }),
    [colors],
  );
  const formatValue = useMemo(() => (v: unknown) => formatY(Number(v)), [formatY]);
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <LineChart data={data as T[]} margin={CHART_MARGIN}>
        {still && <CartesianGrid stroke={colors.grid} vertical={false} />}
        <XAxis
          dataKey="tMs"
          type="number"
          domain={domain}
          ticks={ticks}
          allowDataOverflow
          tickFormatter={formatX}
          stroke={colors.axis}
          fontSize={11}
          tickLine={false}
        />
        <YAxis
          width={56}
          domain={yDomain}
          ticks={yTicks}
          tickFormatter={formatY}
          stroke={colors.axis}
          fontSize={11}
          tickLine={false}
          allowDecimals={false}
        />
        {still && (
          <Tooltip
            isAnimationActive={false}
            labelFormatter={formatLabel}
            formatter={formatValue}
            contentStyle={tooltipStyle}
          />
        )}
        {legend && <Legend iconType="plainline" wrapperStyle={LEGEND_STYLE} />}
        {lines.map((l) => (
          <Line
            key={l.key}
            dataKey={l.key}
            name={l.name}
            stroke={l.color}
            type={step ? 'stepAfter' : 'linear'}
            dot={false}
            activeDot={false}
            isAnimationActive={false}
            strokeWidth={1.5}
            connectNulls
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

export const OverTimeChart = memo(OverTimeChartImpl) as typeof OverTimeChartImpl;

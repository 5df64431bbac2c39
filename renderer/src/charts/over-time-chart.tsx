/**
 * A line chart over run time, configured by the series it draws: the still run's chart, with
 * gridlines and a hover tooltip (a live run draws on a canvas instead, see live/live-chart.tsx).
 *
 * recharts 3 keeps its own store: every prop that changes identity (a margin object, an inline
 * formatter, a ticks array) is dispatched into it and re-renders the chart's internals. So every
 * prop here is stable unless the data changed: constants at module level, formatters passed in
 * from module scope, ticks and styles memoised. Animation and dots are off.
 */
import { memo, useContext, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMs } from '../../../shared/analysis/format.ts';
import type { ChartColors } from '../theme/chart-theme.ts';
import { CHART_MARGIN, TICK_FONT_SIZE, Y_AXIS_WIDTH, largestValue, timeTicks, valueAxis } from './chart-axes.ts';
import { CHART_HEIGHT, ChartTitle } from './chart-frame.tsx';

export interface LineSpec {
  key: string;
  name: string;
  color: string;
}

/** Shared with the live chart, which takes the same props. */
export interface OverTimeChartProps<T> {
  data: readonly T[];
  lines: readonly LineSpec[];
  domainMs: [number, number];
  colors: ChartColors;
  /** Must be stable (module scope): it is part of the chart's settings. */
  formatY: (v: number) => string;
  step?: boolean;
  legend?: boolean;
}

const LEGEND_STYLE = { fontSize: TICK_FONT_SIZE } as const;
const formatX = (v: number) => formatMs(v);
const formatLabel = (v: unknown) => `at ${formatMs(Number(v))}`;

function OverTimeChartImpl<T extends { tMs: number }>({
  data,
  lines,
  domainMs,
  colors,
  formatY,
  step,
  legend,
}: OverTimeChartProps<T>) {
  const title = useContext(ChartTitle);
  const [from, to] = domainMs;
  const domain = useMemo(() => [from, to] as [number, number], [from, to]);
  const ticks = useMemo(() => timeTicks(from, to), [from, to]);
  const keys = useMemo(() => lines.map((l) => l.key), [lines]);
  const { top, ticks: yTicks } = useMemo(() => valueAxis(largestValue(data, keys)), [data, keys]);
  const yDomain = useMemo(() => [0, top] as [number, number], [top]);
  const tooltipStyle = useMemo(
    () => ({ background: colors.panel, border: `1px solid ${colors.grid}`, fontSize: 12 }),
    [colors],
  );
  const formatValue = useMemo(() => (v: unknown) => formatY(Number(v)), [formatY]);
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <LineChart data={data as T[]} margin={CHART_MARGIN} title={title}>
        <CartesianGrid stroke={colors.grid} vertical={false} />
        <XAxis
          dataKey="tMs"
          type="number"
          domain={domain}
          ticks={ticks}
          allowDataOverflow
          tickFormatter={formatX}
          stroke={colors.axis}
          fontSize={TICK_FONT_SIZE}
          tickLine={false}
        />
        <YAxis
          width={Y_AXIS_WIDTH}
          domain={yDomain}
          ticks={yTicks}
          tickFormatter={formatY}
          stroke={colors.axis}
          fontSize={TICK_FONT_SIZE}
          tickLine={false}
          allowDecimals={false}
        />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={formatLabel}
          formatter={formatValue}
          contentStyle={tooltipStyle}
        />
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

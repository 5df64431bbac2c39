/**
 * A sweep on one chart: successful throughput (left axis) and p50 / p95 latency (right axis)
 * against users on a log-2 axis, with the fitted Universal Scalability Law as a dashed curve
 * through the throughput points. A handful of points, so they are drawn as dots; the curve has
 * none. As over-time-chart.tsx: every prop stable unless the data changed, animation off.
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMs, sig } from '../../../shared/analysis/format.ts';
import type { UslFit } from '../../../shared/analysis/usl-fit.ts';
import type { SweepStep } from '../../../shared/sweep.ts';
import type { ChartColors } from '../theme/chart-theme.ts';
import { CHART_MARGIN, TICK_FONT_SIZE, Y_AXIS_WIDTH, largestValue, valueAxis } from './chart-axes.ts';
import { sweepRows, usersDomain, usersTicks } from './sweep-series.ts';

export const SWEEP_CHART_HEIGHT = 240;

interface Props {
  steps: readonly SweepStep[];
  fit: UslFit | null;
  /** Users of every planned step: the x axis spans them before the steps have run. */
  users: readonly number[];
  colors: ChartColors;
}

const MARGIN = { ...CHART_MARGIN, right: 0 } as const;
const LEGEND_STYLE = { fontSize: TICK_FONT_SIZE } as const;
const DOT = { r: 3 } as const;
const RPS_KEYS = ['rps', 'usl'] as const;
const MS_KEYS = ['p50', 'p95'] as const;
const formatUsers = (v: number) => String(Math.round(v * 100) / 100);
const formatRate = (v: number) => `${sig(v)}/s`;
const formatLabel = (v: unknown) => `${formatUsers(Number(v))} users`;
const formatValue = (v: unknown, name: unknown) =>
  String(name).startsWith('p') ? formatMs(Number(v)) : `${sig(Number(v))} req/s`;

export const SweepChart = memo(function SweepChart({ steps, fit, users, colors }: Props) {
  const data = useMemo(() => sweepRows(steps, fit, users), [steps, fit, users]);
  const domain = useMemo(() => usersDomain(users), [users]);
  const ticks = useMemo(() => usersTicks(users), [users]);
  const rpsAxis = useMemo(() => valueAxis(largestValue(data, RPS_KEYS)), [data]);
  const msAxis = useMemo(() => valueAxis(largestValue(data, MS_KEYS)), [data]);
  const rpsDomain = useMemo(() => [0, rpsAxis.top] as [number, number], [rpsAxis]);
  const msDomain = useMemo(() => [0, msAxis.top] as [number, number], [msAxis]);
  const tooltipStyle = useMemo(
    () => ({ background: colors.panel, border: `1px solid ${colors.grid}`, fontSize: 12 }),
    [colors],
  );
  return (
    <ResponsiveContainer width="100%" height={SWEEP_CHART_HEIGHT}>
      <LineChart data={data} margin={MARGIN}>
        <CartesianGrid stroke={colors.grid} vertical={false} />
        <XAxis
          dataKey="users"
          type="number"
          scale="log"
          domain={domain}
          ticks={ticks}
          allowDataOverflow
          tickFormatter={formatUsers}
          stroke={colors.axis}
          fontSize={TICK_FONT_SIZE}
          tickLine={false}
        />
        <YAxis
          yAxisId="rps"
          width={Y_AXIS_WIDTH}
          domain={rpsDomain}
          ticks={rpsAxis.ticks}
          tickFormatter={formatRate}
          stroke={colors.axis}
          fontSize={TICK_FONT_SIZE}
          tickLine={false}
        />
        <YAxis
          yAxisId="ms"
          orientation="right"
          width={Y_AXIS_WIDTH}
          domain={msDomain}
          ticks={msAxis.ticks}
          tickFormatter={formatMs}
          stroke={colors.axis}
          fontSize={TICK_FONT_SIZE}
          tickLine={false}
        />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={formatLabel}
          formatter={formatValue}
          contentStyle={tooltipStyle}
        />
        <Legend iconType="plainline" wrapperStyle={LEGEND_STYLE} />
        <Line
          yAxisId="rps"
          dataKey="usl"
          name="fitted (USL)"
          stroke={colors.axis}
          strokeDasharray="5 4"
          dot={false}
          activeDot={false}
          isAnimationActive={false}
          connectNulls
        />
        <Line
          yAxisId="rps"
          dataKey="rps"
          name="throughput"
          stroke={colors.text}
          strokeWidth={2}
          dot={DOT}
          isAnimationActive={false}
          connectNulls
        />
        <Line
          yAxisId="ms"
          dataKey="p50"
          name="p50"
          stroke={colors.p50}
          dot={DOT}
          isAnimationActive={false}
          connectNulls
        />
        <Line
          yAxisId="ms"
          dataKey="p95"
          name="p95"
          stroke={colors.p95}
          dot={DOT}
          isAnimationActive={false}
          connectNulls
        />
      </LineChart>
    </ResponsiveContainer>
  );
});

/**
 * The latency histogram of a still run: at most HISTOGRAM_BINS bars with round edges (linear or
 * log, chosen by the analysis), gridlines and a hover tooltip. A live run draws it on a canvas.
 */
import { memo, useContext, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMs } from '../../../shared/analysis/format.ts';
import type { LatencyHistogram } from '../../../shared/analysis/histogram.ts';
import type { ChartColors } from '../theme/chart-theme.ts';
import { CHART_MARGIN, TICK_FONT_SIZE, Y_AXIS_WIDTH, countAxis } from './chart-axes.ts';
import { CHART_HEIGHT, ChartTitle } from './chart-frame.tsx';

const formatCount = (v: unknown) => [`${Number(v).toLocaleString('en-US')} requests`, 'count'];
const formatRange = (_: unknown, payload: readonly { payload?: { range?: string } }[]) =>
  String(payload?.[0]?.payload?.range ?? '');

export const HistogramChart = memo(function HistogramChart({
  histogram,
  colors,
}: {
  histogram: LatencyHistogram;
  colors: ChartColors;
}) {
  const title = useContext(ChartTitle);
  const data = useMemo(
    () =>
      histogram.bins.map((b) => ({
        label: formatMs(b.fromMs),
        range: `${formatMs(b.fromMs)} – ${formatMs(b.toMs)}`,
        count: b.count,
      })),
    [histogram],
  );
  const tooltipStyle = useMemo(
    () => ({ background: colors.panel, border: `1px solid ${colors.grid}`, fontSize: 12 }),
    [colors],
  );
  const cursor = useMemo(() => ({ fill: colors.grid }), [colors]);
  const { top, ticks: yTicks } = useMemo(
    () => countAxis(Math.max(0, ...histogram.bins.map((b) => b.count))),
    [histogram],
  );
  const yDomain = useMemo(() => [0, top] as [number, number], [top]);
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <BarChart data={data} margin={CHART_MARGIN} barCategoryGap={1} title={title}>
        <CartesianGrid stroke={colors.grid} vertical={false} />
        <XAxis dataKey="label" stroke={colors.axis} fontSize={TICK_FONT_SIZE} tickLine={false} minTickGap={16} />
        <YAxis
          width={Y_AXIS_WIDTH}
          domain={yDomain}
          ticks={yTicks}
          allowDecimals={false}
          stroke={colors.axis}
          fontSize={TICK_FONT_SIZE}
          tickLine={false}
        />
        <Tooltip
          isAnimationActive={false}
          cursor={cursor}
          labelFormatter={formatRange}
          formatter={formatCount}
          contentStyle={tooltipStyle}
        />
        <Bar dataKey="count" fill={colors.line} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
});

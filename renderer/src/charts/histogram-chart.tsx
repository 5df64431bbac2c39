/** The latency histogram: at most HISTOGRAM_BINS bars with round edges (linear or log, chosen by the analysis). */
import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMs } from '../../../shared/analysis/format.ts';
import { niceAxisMax, niceTicks } from '../../../shared/analysis/nice-numbers.ts';
import type { LatencyHistogram } from '../../../shared/analysis/histogram.ts';
import type { ChartColors } from '../theme/chart-theme.ts';
import { CHART_HEIGHT } from './chart-frame.tsx';
import { CHART_MARGIN } from './over-time-chart.tsx';

const formatCount = (v: unknown) => [`${Number(v).toLocaleString('en-US')} requests`, 'count'];
const formatRange = (_: unknown, payload: readonly { payload?: { range?: string } }[]) =>
  String(payload?.[0]?.payload?.range ?? '');

export const HistogramChart = memo(function HistogramChart({
  histogram,
  colors,
  still,
}: {
  histogram: LatencyHistogram;
  colors: ChartColors;
  /** A run that no longer streams: gridlines and the hover tooltip (costly in recharts) are drawn. */
  still: boolean;
}) {
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
  const top = useMemo(() => niceAxisMax(Math.max(0, ...histogram.bins.map((b) => b.count)), 4), [histogram]);
  const yDomain = useMemo(() => [0, top] as [number, number], [top]);
  // Counts are whole: never a tick at 0.5 requests.
  const yTicks = useMemo(() => niceTicks(0, top, Math.min(4, top)), [top]);
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <BarChart data={data} margin={CHART_MARGIN} barCategoryGap={1}>
        {still && <CartesianGrid stroke={colors.grid} vertical={false} />}
        <XAxis dataKey="label" stroke={colors.axis} fontSize={11} tickLine={false} minTickGap={16} />
        <YAxis
          width={56}
          domain={yDomain}
          ticks={yTicks}
          allowDecimals={false}
          stroke={colors.axis}
          fontSize={11}
          tickLine={false}
        />
        {still && (
          <Tooltip
            isAnimationActive={false}
            cursor={cursor}
            labelFormatter={formatRange}
            formatter={formatCount}
            contentStyle={tooltipStyle}
          />
        )}
        <Bar dataKey="count" fill={colors.line} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
});

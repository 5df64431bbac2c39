/**
 * The canvas charts shown while a run streams, with the same props as the still recharts charts
 * (over-time-chart.tsx, histogram-chart.tsx) so run-charts.tsx swaps one for the other when the
 * run finishes. Updating one costs a model (a few arrays) and one canvas frame, where recharts
 * re-ran its selectors and laid out a whole SVG tree.
 */
import { memo, useContext, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { LatencyHistogram } from '../../../../shared/analysis/histogram.ts';
import type { ChartColors } from '../../theme/chart-theme.ts';
import { ChartTitle } from '../chart-frame.tsx';
import type { OverTimeChartProps } from '../over-time-chart.tsx';
import { histogramModel, overTimeModel, type ChartModel } from './chart-model.ts';
import { LiveChartView } from './live-chart-view.ts';

function LiveChart({ model, colors }: { model: ChartModel; colors: ChartColors }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewRef = useRef<LiveChartView | null>(null);
  const title = useContext(ChartTitle);
  useLayoutEffect(() => {
    const canvas = canvasRef.current!;
    const view = new LiveChartView(canvas);
    viewRef.current = view;
    const observer = new ResizeObserver(() => view.resize(canvas.clientWidth, canvas.clientHeight));
    observer.observe(canvas);
    view.resize(canvas.clientWidth, canvas.clientHeight);
    return () => {
      observer.disconnect();
      view.dispose();
      viewRef.current = null;
    };
  }, []);
  useEffect(() => viewRef.current?.show(model, colors), [model, colors]);
  return <canvas ref={canvasRef} className="live-chart" role="img" aria-label={`${title}, updating live`} />;
}

function LiveOverTimeChartImpl<T extends { tMs: number }>({
  data,
  lines,
  domainMs,
  colors,
  formatY,
  step,
  legend,
}: OverTimeChartProps<T>) {
  const [from, to] = domainMs;
  const model = useMemo(
    () => overTimeModel({ rows: data, lines, domainMs: [from, to], formatY, step, legend }),
    [data, lines, from, to, formatY, step, legend],
  );
  return <LiveChart model={model} colors={colors} />;
}

export const LiveOverTimeChart = memo(LiveOverTimeChartImpl) as typeof LiveOverTimeChartImpl;

export const LiveHistogramChart = memo(function LiveHistogramChart({
  histogram,
  colors,
}: {
  histogram: LatencyHistogram;
  colors: ChartColors;
}) {
  const model = useMemo(() => histogramModel(histogram, colors.line), [histogram, colors.line]);
  return <LiveChart model={model} colors={colors} />;
});

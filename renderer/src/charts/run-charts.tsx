/**
 * The five charts of the run on screen. While a run streams, their series come from the analysis
 * worker at the chart clock's pace (2 Hz; recomputing them from every record is what costs, so
 * it is done off the main thread, see analysis/live-analysis.ts); a still run's are computed
 * here once. A live run draws them on canvases
 * (live/live-chart.tsx): each update is one cheap frame, where re-rendering five recharts SVG
 * trees took tasks of 40–130 ms that dropped frames. Once the run is still (finished, reopened,
 * imported) recharts draws them, with gridlines and hover tooltips. Both fill the same frames.
 */
import { hasEventLoop } from '../../../shared/scenario.ts';
import { memo, useMemo, useSyncExternalStore } from 'react';
import { formatMs, sig } from '../../../shared/analysis/format.ts';
import { importedTarget } from '../../../shared/imported-run.ts';
import type { ColorTheme } from '../../../shared/phase-colors.ts';
import { NO_SERIES, type LiveResultsSource } from '../analysis/live-analysis.ts';
import type { PanelClock } from '../state/panel-clock.ts';
import { chartColors } from '../theme/chart-theme.ts';
import { ChartFrame } from './chart-frame.tsx';
import { chartSeries } from './chart-series.ts';
import { HistogramChart } from './histogram-chart.tsx';
import { LiveHistogramChart, LiveOverTimeChart } from './live/live-chart.tsx';
import { OverTimeChart } from './over-time-chart.tsx';

interface Props {
  /** The charts subscribe here themselves, so their clock does not re-render the whole app. */
  clock: PanelClock;
  /** A live run's series, computed off the main thread. */
  analysis: LiveResultsSource;
  theme: ColorTheme;
}

/** These five series need requests and loop samples only; spans stay in the timeline's store. */
const NO_SPANS: number[] = [];
const perSecond = (v: number) => `${sig(v)}/s`;
const count = (v: number) => sig(v);

export const RunCharts = memo(function RunCharts({ clock, analysis, theme }: Props) {
  const snapshot = useSyncExternalStore(clock.subscribe, clock.getSnapshot);
  const liveSeries = useSyncExternalStore(analysis.subscribe, () => analysis.seriesOf(snapshot.runId));
  const colors = useMemo(() => chartColors(theme), [theme]);
  const stillSeries = useMemo(
    () =>
      snapshot.live
        ? null
        : chartSeries({ lanes: snapshot.lanes, spans: NO_SPANS, requests: snapshot.requests, loop: snapshot.loop }),
    [snapshot.live, snapshot.lanes, snapshot.requests, snapshot.loop],
  );
  const series = stillSeries ?? liveSeries ?? NO_SERIES;
  const lines = useMemo(
    () => ({
      throughput: [{ key: 'rps', name: 'responses/s', color: colors.line }],
      inFlight: [{ key: 'peak', name: 'in flight (peak)', color: colors.line }],
      latency: [
        { key: 'p50Ms', name: 'p50', color: colors.p50 },
        { key: 'p95Ms', name: 'p95', color: colors.p95 },
        { key: 'p99Ms', name: 'p99', color: colors.p99 },
      ],
      loop: [{ key: 'maxDelayMs', name: 'worst delay', color: colors.loop }],
    }),
    [colors],
  );
  const Lines = snapshot.live ? LiveOverTimeChart : OverTimeChart;
  const Histogram = snapshot.live ? LiveHistogramChart : HistogramChart;
  const done = snapshot.requests.length > 0;
  const waiting = snapshot.status === 'idle' ? 'No run yet' : 'Waiting for responses…';
  const model = snapshot.scenario?.server.model;
  const noLoop = model === undefined || hasEventLoop(model) ? null : model === 'gthread' ? 'gthread' : 'Sync';
  return (
    <div className="charts">
      <ChartFrame title="Throughput" testId="chart-throughput" empty={done ? null : waiting}>
        <Lines
          data={series.throughput}
          lines={lines.throughput}
          domainMs={series.domainMs}
          colors={colors}
          formatY={perSecond}
          step
        />
      </ChartFrame>
      <ChartFrame title="Requests in flight" testId="chart-in-flight" empty={done ? null : waiting}>
        <Lines
          data={series.inFlight}
          lines={lines.inFlight}
          domainMs={series.domainMs}
          colors={colors}
          formatY={count}
          step
        />
      </ChartFrame>
      <ChartFrame title="Latency percentiles over time" testId="chart-latency" empty={done ? null : waiting}>
        <Lines
          data={series.latency}
          lines={lines.latency}
          domainMs={series.domainMs}
          colors={colors}
          formatY={formatMs}
          legend
        />
      </ChartFrame>
      <ChartFrame title="Latency histogram" testId="chart-histogram" empty={done ? null : waiting}>
        <Histogram histogram={series.histogram} colors={colors} />
      </ChartFrame>
      <ChartFrame
        title="Event-loop delay"
        testId="chart-loop"
        wide
        empty={
          snapshot.loop.length
            ? null
            : snapshot.scenario?.target?.kind === 'url'
              ? 'Your server did not report its event loop'
              : importedTarget(snapshot.scenario)
                ? 'An imported run has no server event loop'
                : noLoop
                  ? `${noLoop} workers have no event loop`
                  : snapshot.status === 'idle'
                    ? 'No run yet'
                    : // The timer that measures the loop runs on it: a loop blocked in views reports late.
                      'No loop samples yet: the loop times its own delay, and its timer waits while the loop is busy'
        }
      >
        <Lines
          data={series.loopStems}
          lines={lines.loop}
          domainMs={series.domainMs}
          colors={colors}
          formatY={formatMs}
        />
      </ChartFrame>
    </div>
  );
});

/**
 * The five charts of the run on screen. Series are recomputed when the chart clock publishes
 * (2 Hz while live); during a live run the charts take turns to redraw, 90 ms apart, so no
 * single task redraws them all (see use-lagged.ts). A finished or reopened run shows at once.
 */
import { memo, useMemo, type ReactNode } from 'react';
import { formatMs, sig } from '../../../shared/analysis/format.ts';
import type { ColorTheme } from '../../../shared/phase-colors.ts';
import type { RunSnapshot } from '../state/run-store.ts';
import { chartColors } from '../theme/chart-theme.ts';
import { ChartFrame } from './chart-frame.tsx';
import { CHART_POINTS, LIVE_CHART_POINTS, chartSeries } from './chart-series.ts';
import { HistogramChart } from './histogram-chart.tsx';
import { OverTimeChart } from './over-time-chart.tsx';
import { useLagged } from './use-lagged.ts';

interface Props {
  snapshot: RunSnapshot;
  theme: ColorTheme;
}

/** These five series need requests and loop samples only; spans stay in the timeline's store. */
const NO_SPANS: number[] = [];
const STAGGER_MS = 90;
const perSecond = (v: number) => `${sig(v)}/s`;
const count = (v: number) => sig(v);

function Lagged({
  value,
  slot,
  live,
  children,
}: {
  value: unknown;
  slot: number;
  live: boolean;
  children: (v: never) => ReactNode;
}) {
  const shown = useLagged(value, live ? slot * STAGGER_MS : 0);
  return <>{children(shown as never)}</>;
}

export const RunCharts = memo(function RunCharts({ snapshot, theme }: Props) {
  const colors = useMemo(() => chartColors(theme), [theme]);
  const series = useMemo(
    () =>
      chartSeries(
        { lanes: snapshot.lanes, spans: NO_SPANS, requests: snapshot.requests, loop: snapshot.loop },
        snapshot.live ? LIVE_CHART_POINTS : CHART_POINTS,
      ),
    [snapshot.lanes, snapshot.requests, snapshot.loop, snapshot.live],
  );
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
  const live = snapshot.live;
  const done = snapshot.requests.length > 0;
  const waiting = snapshot.status === 'idle' ? 'No run yet' : 'Waiting for responses…';
  const isSyncWorkers = snapshot.scenario?.server.model === 'sync-workers';
  return (
    <div className="charts">
      <ChartFrame title="Throughput" testId="chart-throughput" empty={done ? null : waiting}>
        <Lagged value={series} slot={0} live={live}>
          {(s: typeof series) => (
            <OverTimeChart
              data={s.throughput}
              lines={lines.throughput}
              domainMs={s.domainMs}
              colors={colors}
              formatY={perSecond}
              still={!live}
              step
            />
          )}
        </Lagged>
      </ChartFrame>
      <ChartFrame title="Requests in flight" testId="chart-in-flight" empty={done ? null : waiting}>
        <Lagged value={series} slot={1} live={live}>
          {(s: typeof series) => (
            <OverTimeChart
              data={s.inFlight}
              lines={lines.inFlight}
              domainMs={s.domainMs}
              colors={colors}
              formatY={count}
              still={!live}
              step
            />
          )}
        </Lagged>
      </ChartFrame>
      <ChartFrame title="Latency percentiles over time" testId="chart-latency" empty={done ? null : waiting}>
        <Lagged value={series} slot={2} live={live}>
          {(s: typeof series) => (
            <OverTimeChart
              data={s.latency}
              lines={lines.latency}
              domainMs={s.domainMs}
              colors={colors}
              formatY={formatMs}
              still={!live}
              legend
            />
          )}
        </Lagged>
      </ChartFrame>
      <ChartFrame title="Latency histogram" testId="chart-histogram" empty={done ? null : waiting}>
        <Lagged value={series} slot={3} live={live}>
          {(s: typeof series) => <HistogramChart histogram={s.histogram} colors={colors} still={!live} />}
        </Lagged>
      </ChartFrame>
      <ChartFrame
        title="Event-loop delay"
        testId="chart-loop"
        wide
        empty={
          snapshot.loop.length
            ? null
            : isSyncWorkers
              ? 'Sync workers have no event loop'
              : snapshot.status === 'idle'
                ? 'No run yet'
                : 'No loop samples yet'
        }
      >
        <Lagged value={series} slot={4} live={live}>
          {(s: typeof series) => (
            <OverTimeChart
              data={s.loopStems}
              lines={lines.loop}
              domainMs={s.domainMs}
              colors={colors}
              formatY={formatMs}
              still={!live}
            />
          )}
        </Lagged>
      </ChartFrame>
    </div>
  );
});

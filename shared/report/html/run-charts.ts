/**
 * The charts of one run, as figures of inline SVG: throughput, requests in flight, latency
 * percentiles over time, the latency histogram, event-loop delay and busy threads. The model's
 * expectations are drawn as dashed reference lines where they apply.
 */
import type { Bound } from '../../bounds.ts';
import { formatMs, formatRps, sig } from '../../analysis/format.ts';
import { runExtent, timeGrid, type RunRecords } from '../../analysis/time-grid.ts';
import { computeRunSeries } from '../../analysis/series.ts';
import { throughputSeries } from '../../analysis/throughput.ts';
import { PERCENTILE_COLORS, RUN_COLORS } from '../../phase-colors.ts';
import { esc } from './escape.ts';
import { barChart, lineChart } from './svg-chart.ts';

/** How a run's time axis is shown: seconds for long runs, milliseconds for short ones. */
export interface TimeAxis {
  label: string;
  /** From µs since the origin to the axis unit, relative to the run's start. */
  toAxis: (tMs: number) => number;
}

function timeAxis(records: RunRecords): TimeAxis {
  const { startUs, endUs } = runExtent(records);
  const seconds = endUs - startUs > 5e6;
  const startMs = startUs / 1000;
  return seconds
    ? { label: 'time since the first request (s)', toAxis: (tMs) => (tMs - startMs) / 1000 }
    : { label: 'time since the first request (ms)', toAxis: (tMs) => tMs - startMs };
}

function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

/** Points a report chart holds: enough for a 470 px wide chart, few enough to read. */
export const REPORT_POINTS = 240;
/**
 * Throughput buckets must hold several responses each to read as a rate rather than a comb:
 * about four on average, between 8 and 60 buckets.
 */
export function throughputPoints(completed: number): number {
  return Math.max(8, Math.min(60, Math.floor(completed / 4)));
}

/**
 * The figures; `serverCharts` false leaves out event-loop delay and busy threads (a run imported
 * from a client's file has neither).
 */
export function runChartsHtml(
  records: RunRecords,
  bound: Bound | null,
  asyncServer: boolean,
  serverCharts = true,
): string[] {
  const series = computeRunSeries(records, { maxPoints: REPORT_POINTS, histogramBins: 40 });
  const axis = timeAxis(records);
  const t = (tMs: number) => axis.toAxis(tMs);
  const extent = runExtent(records);
  const xDomain: [number, number] = [t(extent.startUs / 1000), t(extent.endUs / 1000)];
  const base = { xLabel: axis.label, xDomain };
  const blue = RUN_COLORS[0].light;
  const figures: string[] = [];

  const completed = records.requests.filter((r) => r.received !== null).length;
  const throughputGrid = timeGrid(extent, throughputPoints(completed));
  const throughput = throughputSeries(records, throughputGrid);
  const modelRps = bound?.expected.throughputRps;
  figures.push(
    figure(
      lineChart(
        [
          {
            name: 'throughput',
            color: blue,
            points: throughput.map((p) => [t(p.tMs + throughputGrid.widthUs / 2000), p.rps]),
          },
        ],
        {
          ...base,
          title: 'Throughput',
          yLabel: 'responses per second',
          reference: modelRps ? { value: modelRps, label: `model ${formatRps(modelRps)}` } : undefined,
        },
      ),
      `Responses received per second, in buckets of ${formatMs(throughputGrid.widthUs / 1000)}.`,
    ),
  );

  figures.push(
    figure(
      lineChart(
        [
          { name: 'peak', color: blue, points: series.inFlight.map((p) => [t(p.tMs), p.peak]) },
          {
            name: 'mean',
            color: RUN_COLORS[1].light,
            points: series.inFlight.map((p) => [t(p.tMs), p.mean]),
            dash: '4 3',
          },
        ],
        { ...base, title: 'Requests in flight', yLabel: 'requests', integerY: true },
      ),
      'Sent but not yet received, as the client saw it: the most at any instant and the mean of each bucket.',
    ),
  );

  const p95 = bound?.expected.p95LatencyMs;
  figures.push(
    figure(
      lineChart(
        (['p50', 'p95', 'p99'] as const).map((k) => ({
          name: k,
          color: PERCENTILE_COLORS[k].light,
          dash: k === 'p99' ? '5 3' : undefined,
          points: series.latency.map((p) => [t(p.tMs + series.percentileGrid.widthUs / 2000), p[`${k}Ms`]] as const),
        })),
        {
          ...base,
          title: 'Latency percentiles over time',
          yLabel: 'latency (ms)',
          reference: p95 ? { value: p95, label: `model p95 ${formatMs(p95)}` } : undefined,
        },
      ),
      `Percentiles of the requests completed in each ${formatMs(series.percentileGrid.widthUs / 1000)} bucket, from the intended send.`,
    ),
  );

  const h = series.histogram;
  figures.push(
    figure(
      barChart(
        h.bins.map((b) => ({ from: b.fromMs, to: b.toMs, value: b.count })),
        {
          title: 'Latency histogram',
          xLabel: `latency (ms${h.scale === 'log' ? ', log scale' : ''})`,
          yLabel: 'requests',
          color: blue,
          log: h.scale === 'log',
          integerY: true,
        },
      ),
      `${h.total} completed requests in ${h.bins.length} bins.`,
    ),
  );

  if (!serverCharts) return figures;
  figures.push(
    figure(
      lineChart(
        [
          {
            name: 'loop delay',
            color: PERCENTILE_COLORS.p99.light,
            style: 'stems',
            points: series.loopDelay.map((p) => [t(p.tMs), p.maxDelayMs]),
          },
        ],
        {
          ...base,
          title: 'Event-loop delay',
          yLabel: 'delay (ms)',
        },
      ),
      asyncServer
        ? 'How late the loop’s 10 ms timer fired, worst per bucket: a 100 ms peak means something held the loop that long.'
        : 'Sync workers run no shared event loop, so there is no loop delay to sample.',
    ),
  );

  figures.push(
    figure(
      lineChart(
        [
          { name: 'peak', color: blue, points: series.busyThreads.map((p) => [t(p.tMs), p.peak]) },
          {
            name: 'mean',
            color: RUN_COLORS[1].light,
            points: series.busyThreads.map((p) => [t(p.tMs), p.mean]),
            dash: '4 3',
          },
        ],
        { ...base, title: 'Busy threads', yLabel: 'threads', formatY: sig, integerY: true },
      ),
      'Server threads held by a request (running, blocked, computing, waiting for the lock, in a query).',
    ),
  );
  return figures;
}

/**
 * Two to eight stored runs side by side: the difference in one sentence (the same words as the
 * comparison report), their numbers in one table, and their p95 latency and throughput overlaid
 * on a shared clock (ms since each run's first request). Runs keep one colour everywhere.
 */
import { memo, useMemo } from 'react';
import { comparedRuns, describeComparison } from '../../../shared/analysis/compare.ts';
import { formatMs, sig } from '../../../shared/analysis/format.ts';
import { formatMetric, METRICS, metricApplies } from '../../../shared/analysis/metrics.ts';
import type { ColorTheme } from '../../../shared/phase-colors.ts';
import { runColor } from '../../../shared/phase-colors.ts';
import type { RunDocument } from '../../../shared/run.ts';
import { ChartFrame } from '../charts/chart-frame.tsx';
import { ComparisonTimelines } from './comparison-timelines.tsx';
import { comparisonSeries, runKey } from '../charts/comparison-series.ts';
import { OverTimeChart } from '../charts/over-time-chart.tsx';
import { chartColors } from '../theme/chart-theme.ts';

interface Props {
  /** Loaded runs, baseline first; null while they load. */
  docs: readonly RunDocument[] | null;
  theme: ColorTheme;
  exportDisabled: boolean;
  onExport: () => void;
  onClose: () => void;
  /** The host's CPU cores, for runs stored before runs recorded theirs. */
  cores?: number;
}

const perSecond = (v: number) => `${sig(v)}/s`;

export const ComparisonPanel = memo(function ComparisonPanel({
  docs,
  theme,
  exportDisabled,
  onExport,
  onClose,
  cores,
}: Props) {
  const colors = useMemo(() => chartColors(theme), [theme]);
  const runs = useMemo(() => (docs ? comparedRuns(docs) : []), [docs]);
  const sentence = useMemo(() => (docs ? describeComparison(docs) : ''), [docs]);
  const series = useMemo(() => comparisonSeries(docs ?? []), [docs]);
  const lines = useMemo(
    () => runs.map((r, i) => ({ key: runKey(i), name: r.label, color: runColor(i, theme) })),
    [runs, theme],
  );
  return (
    <section className="panel comparison" aria-label="Comparison" data-testid="comparison">
      <div className="run-title">
        <span className="name">Comparing {docs ? docs.length : '…'} runs</span>
        <span className="btn-row">
          <button
            type="button"
            className="btn"
            disabled={exportDisabled || !docs}
            onClick={onExport}
            data-testid="export-comparison"
          >
            Export comparison (HTML)
          </button>
          <button type="button" className="btn" onClick={onClose} data-testid="close-comparison">
            Close comparison
          </button>
        </span>
      </div>
      {!docs ? (
        <p className="hint">Loading runs…</p>
      ) : (
        <>
          <p className="comparison-sentence" data-testid="comparison-sentence">
            {sentence}
          </p>
          <table className="comparison-table" data-testid="comparison-table">
            <thead>
              <tr>
                <th scope="col" />
                {docs.map((d, i) => (
                  <th scope="col" key={d.info.id} title={runs[i].label}>
                    <span className="swatch" style={{ background: runColor(i, theme) }} />
                    {d.info.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {/* Every metric any of the runs has, with the same labels and formats as everywhere. */}
              {METRICS.filter((m) => docs.some((d) => metricApplies(m.id, d))).map((m) => (
                <tr key={m.id} title={m.means}>
                  <th scope="row">{m.label}</th>
                  {runs.map((r, i) => (
                    <td key={docs[i].info.id}>
                      {(r.summary.requests > 0 || m.id === 'requests') && metricApplies(m.id, docs[i])
                        ? formatMetric(m.id, r.summary)
                        : '–'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <ComparisonTimelines docs={docs} theme={theme} cores={cores} />
          <div className="charts">
            <ChartFrame title="p95 latency over time" testId="compare-latency" empty={null}>
              <OverTimeChart
                data={series.latency}
                lines={lines}
                domainMs={series.domainMs}
                colors={colors}
                formatY={formatMs}
                legend
              />
            </ChartFrame>
            <ChartFrame title="Throughput over time" testId="compare-throughput" empty={null}>
              <OverTimeChart
                data={series.throughput}
                lines={lines}
                domainMs={series.domainMs}
                colors={colors}
                formatY={perSecond}
                legend
              />
            </ChartFrame>
          </div>
        </>
      )}
    </section>
  );
});

/**
 * A concurrency sweep: where it is ("step 3 of 7: 4 users, 37/40 requests"), its steps as a chart
 * (throughput, p50 and p95 against users, the fitted law) and a small table, and the verdict: what
 * the endpoint behaves like, with the preset that behaves the same way one click away.
 */
import { memo, useMemo } from 'react';
import { formatMs, formatRps, sig } from '../../../shared/analysis/format.ts';
import { MIN_VERDICT_STEPS } from '../../../shared/analysis/sweep-data-check.ts';
import type { ColorTheme } from '../../../shared/phase-colors.ts';
import type { SweepProgress, SweepResult } from '../../../shared/sweep.ts';
import { describeSweepProgress } from '../../../shared/sweep-plan.ts';
import { SweepChart } from '../charts/sweep-chart.tsx';
import { chartColors } from '../theme/chart-theme.ts';

interface Props {
  sweep: SweepResult;
  progress: SweepProgress | null;
  theme: ColorTheme;
  /** Null when the verdict names no preset (or while the sweep runs). */
  onOpenScenario: (() => void) | null;
  onClose: () => void;
}

export const SweepPanel = memo(function SweepPanel({ sweep, progress, theme, onOpenScenario, onClose }: Props) {
  const colors = useMemo(() => chartColors(theme), [theme]);
  const { analysis } = sweep;
  const running = sweep.status === 'running';
  const fit = analysis.fit;
  return (
    <section className="panel sweep" aria-label="Sweep" data-testid="sweep-panel">
      <div className="run-title">
        <span className="name">{sweep.name}</span>
        <span className="status" data-testid="sweep-status">
          {sweep.status}
        </span>
        <span className="btn-row">
          <button
            type="button"
            className="btn"
            disabled={!onOpenScenario}
            onClick={onOpenScenario ?? undefined}
            data-testid="sweep-open-scenario"
            title="Load the preset that behaves like this, with the measured latency"
          >
            Open as a scenario
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={running} data-testid="close-sweep">
            Close sweep
          </button>
        </span>
      </div>
      <p className="sweep-progress" data-testid="sweep-progress" aria-live="off">
        {running
          ? progress
            ? describeSweepProgress(progress)
            : 'starting…'
          : `${sweep.steps.length} of ${sweep.users.length} steps${sweep.error ? ` · ${sweep.error}` : ''}`}
      </p>
      <p className="sweep-verdict" data-testid="sweep-verdict">
        {running && sweep.steps.length < MIN_VERDICT_STEPS
          ? `The verdict comes after ${MIN_VERDICT_STEPS} steps.`
          : `${running ? 'So far: ' : ''}${analysis.verdict.sentence}`}
      </p>
      <div className="sweep-body">
        <div className="chart-body sweep-chart" data-testid="sweep-chart">
          <SweepChart steps={sweep.steps} fit={fit} users={sweep.users} colors={colors} />
        </div>
        <table className="comparison-table sweep-table" data-testid="sweep-table">
          <thead>
            <tr>
              <th scope="col">users</th>
              <th scope="col">throughput</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
              <th scope="col" title="throughput × the latency of one request alone (Little's law)">
                in service
              </th>
            </tr>
          </thead>
          <tbody>
            {sweep.steps.map((s, i) => (
              <tr key={s.runId}>
                <td>{s.users}</td>
                <td>{formatRps(s.throughputRps)}</td>
                <td>{formatMs(s.p50Ms)}</td>
                <td>{formatMs(s.p95Ms)}</td>
                <td>{analysis.steps[i] ? sig(analysis.steps[i].inService) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {fit && (
        <p className="hint" data-testid="sweep-fit">
          Fitted X(N) = λN / (1 + σ(N−1) + κN(N−1)): σ {sig(fit.sigma)}, κ {sig(fit.kappa)}, λ {formatRps(fit.lambda)}
          {fit.peakUsers === null ? ', no peak' : `, peak at about ${sig(fit.peakUsers)} users`}.
        </p>
      )}
    </section>
  );
});

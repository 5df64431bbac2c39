/** What `interleave sweep` prints: a table of the steps, the verdict, and the fit. */
import { formatMs, sig } from '../../shared/analysis/format.ts';
import type { SweepResult } from '../../shared/sweep.ts';

const COLUMNS = ['users', 'req/s', 'p50', 'p95', 'in service', 'errors'] as const;

/** The steps as a fixed-width table, the verdict sentence, the fitted law and where it is stored. */
export function sweepText(sweep: SweepResult): string {
  const { analysis } = sweep;
  const rows = sweep.steps.map((step, i) => {
    const inService = analysis.steps[i]?.inService;
    return [
      String(step.users),
      sig(step.throughputRps),
      formatMs(step.p50Ms),
      formatMs(step.p95Ms),
      inService === undefined ? '–' : sig(inService),
      `${step.errors}/${step.completed}${step.capped ? ' (capped)' : ''}`,
    ];
  });
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padStart(widths[i]))).join('   ')}`.trimEnd();
  const fit = analysis.fit;
  const runs = sweep.steps.map((s) => s.runId);
  return [
    `${sweep.name} — sweep ${sweep.id} (${sweep.status}${sweep.error ? `: ${sweep.error}` : ''}), ${sweep.steps.length} of ${sweep.users.length} steps`,
    line(COLUMNS),
    ...rows.map(line),
    '',
    `  verdict   ${analysis.verdict.sentence}`,
    ...(analysis.verdict.presetId ? [`  preset    ${analysis.verdict.presetId} behaves the same way`] : []),
    ...(fit
      ? [
          `  fit       X(N) = λN / (1 + σ(N−1) + κN(N−1)): σ ${sig(fit.sigma)}, κ ${sig(fit.kappa)}, λ ${sig(fit.lambda)} req/s, ` +
            `${fit.peakUsers === null ? 'no peak' : `peak at about ${sig(fit.peakUsers)} users`} (R² ${fit.rSquared.toFixed(2)})`,
        ]
      : []),
    `  in service = throughput × the latency of one request alone (Little's law); the steps are runs ${runs.length ? runs.join(', ') : '(none)'}`,
  ].join('\n');
}

/**
 * Several runs side by side, said in words: "async: p95 102 ms; sync workers (4): p95 312 ms,
 * 3.1× slower". The first run is the baseline. Runs are named by their execution model when
 * that tells them apart, else by their names. The UI shows the same sentence as the report.
 */
import type { RunDocument } from '../run.ts';
import type { RunSummary } from '../trace.ts';
import { modelLabel } from './describe-scenario.ts';
import { formatRatio } from './format.ts';
import { formatMetric, metric } from './metrics.ts';
import { computeSummary } from './summary.ts';
import { runShapeOf, shapeText } from './run-shape.ts';

type Doc = Pick<RunDocument, 'info' | 'scenario' | 'lanes' | 'spans' | 'requests' | 'loop'>;

/** What a comparison needs of each run. */
export interface ComparedRun {
  label: string;
  summary: RunSummary;
}

/** Labels that tell the runs apart: the model where it differs between all runs, else the run name. */
export function comparisonLabels(docs: readonly Doc[]): string[] {
  const models = docs.map((d) => modelLabel(d.scenario));
  if (new Set(models).size === docs.length) return models;
  const names = docs.map((d) => d.info.name || d.info.scenarioName);
  if (new Set(names).size === docs.length) return names;
  return names.map((n, i) => `${n} (#${docs[i].info.id})`);
}

/** Each run's label and summary (recomputed from its records, as everywhere). */
export function comparedRuns(docs: readonly Doc[]): ComparedRun[] {
  const labels = comparisonLabels(docs);
  return docs.map((d, i) => ({ label: labels[i], summary: computeSummary(d) }));
}

/** "2.0× faster", "3.1× slower", "about the same" for p95 `other` against `base`. */
export function relativeSpeed(baseMs: number, otherMs: number): string {
  if (!(baseMs > 0) || !(otherMs > 0)) return 'not comparable';
  const ratio = otherMs / baseMs;
  if (ratio >= 0.95 && ratio <= 1.05) return 'about the same';
  return ratio > 1 ? `${formatRatio(ratio)} slower` : `${formatRatio(1 / ratio)} faster`;
}

/** The comparison in one sentence, by p95 latency against the first run. */
export function describeComparison(docs: readonly Doc[]): string {
  if (docs.length === 0) return 'No runs to compare.';
  const runs = comparedRuns(docs);
  const base = runs[0];
  const parts = runs.map((run, i) => {
    const p95 = run.summary.requests > 0 ? `${metric('p95').label} ${formatMetric('p95', run.summary)}` : 'no requests';
    if (i === 0 || run.summary.requests === 0 || base.summary.requests === 0) return `${run.label}: ${p95}`;
    return `${run.label}: ${p95}, ${relativeSpeed(base.summary.p95Ms, run.summary.p95Ms)}`;
  });
  return parts.join('; ') + modelBesideDjango(docs);
}

/**
 * For a model run beside a real-Django run of the same settings (what "both" makes), whether
 * they had the same shape: how many requests were in service at once, on how many threads.
 */
function modelBesideDjango(docs: readonly Doc[]): string {
  if (docs.length !== 2) return '';
  // Old stored runs have no target: they ran on the model.
  const model = docs.find((d) => (d.scenario.target?.kind ?? 'model') === 'model');
  const django = docs.find((d) => d.scenario.target?.kind === 'django');
  if (!model || !django) return '';
  const [m, d] = [runShapeOf(model), runShapeOf(django)];
  const same = m.requestsAtOnce === d.requestsAtOnce && m.threadsAtOnce === d.threadsAtOnce;
  return same
    ? `. Same shape: ${shapeText(m)}.`
    : `. Different shape: the model ${shapeText(m)}, real Django ${shapeText(d)}.`;
}

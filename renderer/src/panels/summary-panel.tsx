/**
 * The run on screen in numbers: requests, errors, throughput, latency percentiles and the
 * longest loop block. Fixed tiles with tabular digits, so values change in place as a run
 * streams. Expected values from the bound stand under the measured ones for a live or fresh run.
 */
import { memo, useSyncExternalStore } from 'react';
import {
  formatExpected,
  formatMetric,
  metric,
  metricApplies,
  type MetricId,
} from '../../../shared/analysis/metrics.ts';
import type { Bound } from '../../../shared/bounds.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/bridge.ts';
import { IMPORTED_RUN_LIMITS, importedFrom, importedTarget } from '../../../shared/imported-run.ts';
import { NO_SUMMARY, type LiveResultsSource } from '../analysis/live-analysis.ts';
import type { RunSnapshot } from '../state/trace-store.ts';
import { describeUrlRequest, urlTargetOf, urlThreadsNote } from '../../../shared/url-target.ts';

interface Props {
  snapshot: RunSnapshot;
  /** A live run's numbers, computed off the main thread; a still run's are the snapshot's. */
  analysis: LiveResultsSource;
  bound: Bound | null;
  onExport: (format: ExportFormat) => void;
  exportDisabled: boolean;
  /** The run on screen ran with other settings than those being edited. */
  otherSettings: boolean;
}

const FORMAT_LABELS: Record<ExportFormat, string> = {
  html: 'HTML report',
  json: 'JSON',
  csv: 'CSV',
  trace: 'Chrome trace',
};

/** The tiles, in order: the metrics' own labels and formats (shared/analysis/metrics.ts). */
const TILES: readonly MetricId[] = ['requests', 'errors', 'throughput', 'p50', 'p95', 'p99', 'max', 'loopBlock'];

/** "90.4 req/s" as a large number and a small unit, so eight tiles fit side by side. */
function Quantity({ text }: { text: string }) {
  const space = text.lastIndexOf(' ');
  if (space < 0 || !/[a-z/]$/.test(text)) return <>{text}</>;
  return (
    <>
      {text.slice(0, space)}
      <small>{text.slice(space)}</small>
    </>
  );
}

/** Where a URL run's load went (one request, or the mix: "3 URLs: GET …, POST …"), and what it cannot see. */
function UrlTargetLine({ snapshot }: { snapshot: RunSnapshot }) {
  const target = snapshot.scenario ? urlTargetOf(snapshot.scenario) : null;
  if (!target) return null;
  const requests = target.requests.map(describeUrlRequest);
  const where = requests.length === 1 ? requests[0] : `${requests.length} URLs: ${requests.join(', ')}`;
  const threads = snapshot.lanes.some((l) => l.kind !== 'client');
  return (
    <p className="run-target" data-testid="run-target">
      Ran against <code>{where}</code>. {urlThreadsNote(threads)}
    </p>
  );
}

/**
 * memo: redrawn when the panel clock publishes a snapshot or the analysis worker answers, not
 * whenever the app re-renders.
 */
export const SummaryPanel = memo(function SummaryPanel({
  snapshot,
  analysis,
  bound,
  onExport,
  exportDisabled,
  otherSettings,
}: Props) {
  const current = () => analysis.summaryOf(snapshot.runId);
  // The same getter serves a server render (the unit test that renders every surface of a run).
  const liveSummary = useSyncExternalStore(analysis.subscribe, current, current);
  // Reading snapshot.summary while live would compute it here, from every record so far.
  const s = snapshot.live ? (liveSummary ?? NO_SUMMARY) : snapshot.summary;
  // Idle, or live before the first answer: dashes, not zeros that look like measurements.
  const none = snapshot.status === 'idle';
  const noNumbers = none || (snapshot.live && s.requests === 0);
  const imported = importedTarget(snapshot.scenario);
  const { scenario, loop } = snapshot;
  const cells = TILES.map((id) => {
    // Without its settings (a run still starting) a tile shows what was recorded so far.
    const applies = scenario ? metricApplies(id, { scenario, loop }) : id !== 'loopBlock' || loop.length > 0;
    const value = applies ? formatMetric(id, s) : '–';
    // The error rate rides in the errors tile: "3 (0.5%)".
    const shown = id === 'errors' && value !== '–' ? `${value} (${formatMetric('errorRate', s)})` : value;
    const expected = bound ? formatExpected(id, bound) : null;
    return {
      id,
      label: metric(id).label,
      value: shown,
      expected: expected && (id === 'requests' ? `of ${expected}` : `≈ ${expected}`),
    };
  });
  return (
    <section className="panel summary" aria-label="Summary">
      <div className="run-title">
        <span className="name" data-testid="run-name">
          {snapshot.info?.name ?? 'No run yet'}
        </span>
        {!none && (
          <span className={`status ${snapshot.status}`} data-testid="run-status">
            {snapshot.status}
          </span>
        )}
        {otherSettings && (
          <span
            className="status other-settings"
            data-testid="other-settings"
            title="This run ran with other settings than those on the left; open it from the history to load them."
          >
            other settings than on the left
          </span>
        )}
        <span className="btn-row" aria-label="Export the run on screen">
          {EXPORT_FORMATS.map((f) => (
            <button
              key={f}
              type="button"
              className="btn"
              disabled={exportDisabled}
              onClick={() => onExport(f)}
              data-testid={`export-${f}`}
            >
              {FORMAT_LABELS[f]}
            </button>
          ))}
        </span>
      </div>
      <UrlTargetLine snapshot={snapshot} />
      {imported && (
        <p className="imported-note" data-testid="imported-note">
          <strong data-testid="imported-from">{importedFrom(imported)}</strong> · {IMPORTED_RUN_LIMITS}
          {imported.notes.map((note) => ` ${note}`).join('')}
        </p>
      )}
      <dl className="numbers" data-testid="summary">
        {cells.map(({ id, label, value, expected }) => (
          <div key={id} title={metric(id).means}>
            <dt>{label}</dt>
            <dd data-testid={`summary-${id}`}>{noNumbers ? '–' : <Quantity text={value} />}</dd>
            <dd className="expected">{snapshot.live || none ? (expected ?? '\u00a0') : '\u00a0'}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
});

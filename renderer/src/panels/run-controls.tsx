/** Run and Stop (Space does the same), progress while running, and any reason a run could not start. */
import type { ReactNode } from 'react';
import { formatMs } from '../../../shared/analysis/format.ts';
import type { RunProgress } from '../../../shared/trace.ts';
import { InlineCode } from './inline-code.tsx';

interface Props {
  running: boolean;
  starting: boolean;
  canRun: boolean;
  progress: RunProgress | null;
  problems: readonly string[];
  onRun: () => void;
  onStop: () => void;
  /** Controls shown beside Run (the sweep's). */
  beside?: ReactNode;
}

/** "starting threads 34 / 200 (30 started ahead)" before the load; "90 / 200 · 1.2 s" while it runs. */
export function describeProgress(p: RunProgress): string {
  if (p.phase === 'starting')
    return p.threads
      ? `starting threads ${p.threads.ready} / ${p.threads.total}${aheadOf(p.threads)}`
      : 'starting threads…';
  const count = `${p.done.toLocaleString('en-US')}${p.total ? ` / ${p.total.toLocaleString('en-US')}` : ''}`;
  return `${count} · ${formatMs(p.elapsedMs)}`;
}

/** " (3 started ahead)": spare threads the app kept ready, so this start is quick. */
function aheadOf(threads: NonNullable<RunProgress['threads']>): string {
  return threads.warm ? ` (${threads.warm} started ahead)` : '';
}

function fraction(p: RunProgress | null): number | null {
  if (!p) return null;
  if (p.phase === 'starting') return p.threads ? p.threads.ready / p.threads.total : null;
  if (p.total) return Math.min(1, p.done / p.total);
  if (p.plannedMs) return Math.min(1, p.elapsedMs / p.plannedMs);
  return null;
}

export function RunControls({ running, starting, canRun, progress, problems, onRun, onStop, beside }: Props) {
  const f = fraction(progress);
  return (
    <section className="panel run-controls" aria-label="Run">
      <div className="btn-row">
        {running ? (
          <button
            type="button"
            className="btn primary"
            onClick={onStop}
            data-testid="stop"
            title="Stop the run (Space)"
          >
            Stop
          </button>
        ) : (
          <button
            type="button"
            className="btn primary"
            onClick={onRun}
            disabled={!canRun || starting}
            data-testid="run"
            // A disabled Run says why: the first problem, in the words shown below it.
            title={
              !canRun && problems.length
                ? `Cannot run: ${problems[0].replaceAll('`', '')}`
                : 'Run these settings (Space)'
            }
            aria-describedby={problems.length ? 'run-problems' : undefined}
          >
            {starting ? 'Starting…' : 'Run'}
          </button>
        )}
        {beside}
        <span className="hint">Space runs or stops</span>
      </div>
      <div className="progress" data-testid="progress" aria-live="off">
        <progress max={1} value={f ?? 0} aria-label="Run progress" />
        <span>{progress ? describeProgress(progress) : running ? 'starting…' : 'idle'}</span>
      </div>
      {problems.length > 0 && (
        <ul className="problems" role="alert" data-testid="problems" id="run-problems">
          {problems.map((p) => (
            <li key={p}>
              <InlineCode text={p} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

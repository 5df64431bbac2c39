/**
 * Past runs: open one to see it exactly as it was, rename, delete (with a second click to
 * confirm), and import a run's JSON export, k6's JSON output or a HAR file (file picker here, or
 * drop a file anywhere on the window).
 * Long histories show their latest runs first and the rest on request, keeping the page light.
 * Ticking "compare" on 2–8 runs enables Compare, which shows them side by side.
 */
import { memo, useState } from 'react';
import { formatMs } from '../../../shared/analysis/format.ts';
import { MAX_COMPARED_RUNS, MAX_RUN_NAME_CHARS, MIN_COMPARED_RUNS } from '../../../shared/limits.ts';
import type { RunInfo } from '../../../shared/run.ts';

const FIRST_ROWS = 25;

interface Props {
  runs: readonly RunInfo[];
  currentRunId: number | null;
  busy: boolean;
  onOpen: (id: number) => void;
  onRename: (id: number, name: string) => void;
  onDelete: (id: number) => void;
  onImportFile: (file: File) => void;
  /** Ticked runs, in the order they were ticked (the first is the baseline). */
  onCompare: (ids: number[]) => void;
}

function meta(r: RunInfo): string {
  const when = new Date(r.createdAt).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  if (r.status === 'running') return `running · started ${when}`;
  const numbers = r.summary
    ? `${r.summary.requests} req · p99 ${formatMs(r.summary.p99Ms)}`
    : `${r.recordedRequests} req`;
  return `${r.status} · ${numbers} · ${when}`;
}

export const RunHistory = memo(function RunHistory({
  runs,
  currentRunId,
  busy,
  onOpen,
  onRename,
  onDelete,
  onImportFile,
  onCompare,
}: Props) {
  const [ticked, setTicked] = useState<number[]>([]);
  // Deleted runs drop out of the selection.
  const picked = ticked.filter((id) => runs.some((r) => r.id === id));
  const toggle = (id: number, on: boolean) =>
    setTicked((t) => (on ? [...t.filter((x) => x !== id), id] : t.filter((x) => x !== id)));
  const canCompare = picked.length >= MIN_COMPARED_RUNS && picked.length <= MAX_COMPARED_RUNS;
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  const [confirming, setConfirming] = useState<number | null>(null);
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? runs : runs.slice(0, FIRST_ROWS);
  return (
    <section className="panel history" aria-labelledby="history-heading">
      <h2 id="history-heading">Run history</h2>
      <div className="btn-row" style={{ marginBottom: 6 }}>
        <label className="btn">
          Import…
          <input
            type="file"
            accept=".json,.har,.ndjson,.gz,application/json"
            title="A run exported as JSON, k6's JSON output (k6 run --out json=results.json) or a HAR file"
            className="visually-hidden"
            data-testid="import-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) onImportFile(file);
              e.target.value = '';
            }}
          />
        </label>
        <span className="hint">a run, k6 JSON or HAR; or drop a file on the window</span>
      </div>
      <div className="btn-row" style={{ marginBottom: 6 }}>
        <button
          type="button"
          className="btn"
          disabled={!canCompare}
          onClick={() => onCompare(picked)}
          data-testid="compare"
          title={`Tick ${MIN_COMPARED_RUNS}–${MAX_COMPARED_RUNS} runs to compare them`}
        >
          Compare ({picked.length})
        </button>
      </div>
      {runs.length === 0 && <p className="hint">No runs yet.</p>}
      <ol data-testid="history">
        {shown.map((r) => (
          <li key={r.id} className={r.id === currentRunId ? 'current' : ''} data-testid={`history-run-${r.id}`}>
            {editing === r.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  onRename(r.id, draft.trim() || r.name);
                  setEditing(null);
                }}
              >
                <input
                  type="text"
                  aria-label="Run name"
                  value={draft}
                  maxLength={MAX_RUN_NAME_CHARS}
                  autoFocus
                  onChange={(e) => setDraft(e.target.value)}
                  onBlur={() => setEditing(null)}
                  onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
                />
              </form>
            ) : (
              <button type="button" className="open" disabled={busy} onClick={() => onOpen(r.id)} title="Open this run">
                {r.name}
                <span className="meta">{meta(r)}</span>
              </button>
            )}
            <div className="row-actions">
              <label className="compare-pick">
                <input
                  type="checkbox"
                  checked={picked.includes(r.id)}
                  disabled={r.status === 'running'}
                  onChange={(e) => toggle(r.id, e.target.checked)}
                  data-testid={`compare-${r.id}`}
                />
                compare
              </label>
              <button type="button" className="btn" onClick={() => (setEditing(r.id), setDraft(r.name))}>
                Rename
              </button>
              <button
                type="button"
                className="btn danger"
                disabled={busy && r.id === currentRunId}
                onClick={() => (confirming === r.id ? (onDelete(r.id), setConfirming(null)) : setConfirming(r.id))}
                onBlur={() => setConfirming(null)}
              >
                {confirming === r.id ? 'Confirm delete' : 'Delete'}
              </button>
            </div>
          </li>
        ))}
      </ol>
      {runs.length > FIRST_ROWS && (
        <button type="button" className="btn" onClick={() => setShowAll(!showAll)}>
          {showAll ? 'Show fewer' : `Show all ${runs.length}`}
        </button>
      )}
    </section>
  );
});

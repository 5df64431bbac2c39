/** Stored sweeps, newest first: pick one to show it again (its chart, its table, its verdict). */
import { memo } from 'react';
import type { SweepInfo } from '../../../shared/sweep.ts';

interface Props {
  sweeps: readonly SweepInfo[];
  currentId: number | null;
  onOpen: (id: number) => void;
}

export const SweepHistory = memo(function SweepHistory({ sweeps, currentId, onOpen }: Props) {
  if (sweeps.length === 0) return null;
  return (
    <section className="panel sweep-history" aria-labelledby="sweep-history-heading">
      <h2 id="sweep-history-heading">Sweeps</h2>
      <select
        aria-label="Stored sweeps"
        value={currentId ?? ''}
        onChange={(e) => e.target.value && onOpen(Number(e.target.value))}
        data-testid="sweep-history"
      >
        <option value="">Show a sweep…</option>
        {sweeps.map((s) => (
          <option key={s.id} value={s.id} title={s.verdict}>
            #{s.id} {s.name} ({s.status}, {s.steps}/{s.planned} steps)
          </option>
        ))}
      </select>
    </section>
  );
});

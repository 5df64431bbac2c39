/**
 * Sweep, beside Run: the settings on screen run as closed-load steps at 1, 2, 4, … users up to the
 * number given, one after another, then a verdict. While a sweep goes the button stops it. A sweep
 * runs on one target, so with "both" picked it says so instead.
 */
import { MAX_SWEEP_USERS } from '../../../shared/sweep.ts';

interface Props {
  running: boolean;
  /** Why Sweep cannot start now (invalid settings, a run going, "both" picked); null when it can. */
  blocked: string | null;
  starting: boolean;
  to: number;
  onToChange: (to: number) => void;
  onSweep: () => void;
  onStop: () => void;
}

export function SweepControls({ running, blocked, starting, to, onToChange, onSweep, onStop }: Props) {
  return (
    <span className="btn-row sweep-controls">
      {running ? (
        <button type="button" className="btn" onClick={onStop} data-testid="stop-sweep">
          Stop sweep
        </button>
      ) : (
        <button
          type="button"
          className="btn"
          onClick={onSweep}
          disabled={blocked !== null || starting}
          title={blocked ?? 'Run these settings at 1, 2, 4, … users and say what the endpoint behaves like'}
          data-testid="sweep"
        >
          {starting ? 'Starting…' : 'Sweep'}
        </button>
      )}
      <label>
        to{' '}
        <input
          type="number"
          min={1}
          max={MAX_SWEEP_USERS}
          step={1}
          value={to}
          disabled={running || starting}
          onChange={(e) => {
            const n = Math.round(Number(e.target.value));
            if (Number.isFinite(n)) onToChange(Math.min(MAX_SWEEP_USERS, Math.max(1, n)));
          }}
          aria-label="Sweep up to this many users"
          data-testid="sweep-to"
        />{' '}
        users
      </label>
    </span>
  );
}

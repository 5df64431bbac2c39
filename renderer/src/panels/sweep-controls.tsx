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
  /** The "to" field as typed, and what is wrong with it (null: a valid number of users). */
  to: string;
  toProblem: string | null;
  onToChange: (to: string) => void;
  onSweep: () => void;
  onStop: () => void;
}

export function SweepControls({ running, blocked, starting, to, toProblem, onToChange, onSweep, onStop }: Props) {
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
          onChange={(e) => onToChange(e.target.value)}
          aria-label="Sweep up to this many users"
          aria-invalid={toProblem !== null}
          aria-describedby={toProblem ? 'sweep-to-problem' : undefined}
          data-testid="sweep-to"
        />{' '}
        users
      </label>
      {toProblem && (
        <p className="knob-error" id="sweep-to-problem" role="alert" data-testid="sweep-to-problem">
          {toProblem}
        </p>
      )}
    </span>
  );
}

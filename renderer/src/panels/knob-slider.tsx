/**
 * One numeric knob: a slider (log-scaled where the range spans orders of magnitude), a number
 * box that accepts the schema's full range, and its unit. A typed value outside the limits is
 * flagged and not applied (leaving the box puts back the value in force), so the scenario never
 * holds a value the host would refuse.
 */
import { useEffect, useId, useState } from 'react';
import { positionOf, valueAt, type KnobLimit } from '../scenario/knob-limits.ts';

const SLIDER_STEPS = 1000;

interface Props {
  label: string;
  /** Shown on hover over the label: what the knob does to the steps. */
  help?: string;
  limit: KnobLimit;
  value: number;
  onChange: (value: number) => void;
  disabled?: boolean;
  /** Display scale for the number box (e.g. 100 to show a 0..1 share as %). */
  displayFactor?: number;
  testId: string;
}

export function KnobSlider({ label, help, limit, value, onChange, disabled, displayFactor = 1, testId }: Props) {
  const id = useId();
  const shown = Number((value * displayFactor).toFixed(3));
  const [text, setText] = useState(String(shown));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setText(String(shown));
    setInvalid(false);
  }, [shown]);

  const commitText = (raw: string) => {
    setText(raw);
    const typed = Number(raw);
    const ok = raw.trim() !== '' && Number.isFinite(typed) && typed >= limit.min && typed <= limit.max;
    setInvalid(!ok);
    if (ok) onChange(typed / displayFactor);
  };

  return (
    <div className="knob" data-testid={testId}>
      <label htmlFor={id} title={help}>
        {label}
      </label>
      <input
        type="range"
        aria-label={`${label} slider`}
        min={0}
        max={SLIDER_STEPS}
        step={1}
        disabled={disabled}
        value={Math.round(positionOf(limit, value * displayFactor) * SLIDER_STEPS)}
        onChange={(e) => onChange(valueAt(limit, Number(e.target.value) / SLIDER_STEPS) / displayFactor)}
      />
      <input
        id={id}
        type="number"
        min={limit.min}
        max={limit.max}
        step={limit.step}
        disabled={disabled}
        value={text}
        aria-invalid={invalid}
        title={`allowed ${limit.min}–${limit.max.toLocaleString('en-US')} ${limit.unit}`}
        onChange={(e) => commitText(e.target.value)}
        onBlur={() => {
          // Leaving a rejected value puts back the one in force rather than guessing a fix.
          if (invalid) {
            setText(String(shown));
            setInvalid(false);
          }
        }}
      />
      <span className="unit">{limit.unit}</span>
    </div>
  );
}

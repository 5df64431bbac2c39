/**
 * One numeric knob: a slider (log-scaled where the range spans orders of magnitude, with its
 * decades marked), a number box and its unit. The box holds exactly what was typed (see
 * scenario/typed-knobs.ts): nothing here rewrites, cuts or puts it back. When the typed value
 * is not allowed, the message sits under the box and Run stays disabled; the slider shows the
 * position nearest to the typed value.
 */
import { useId, type CSSProperties, type KeyboardEvent } from 'react';
import { SLIDER_STEPS, nextValue, positionOf, valueAt, type KnobLimit } from '../scenario/knob-limits.ts';
import { InlineCode } from './inline-code.tsx';

const ARROWS: Record<string, 1 | -1> = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 };

interface Props {
  label: string;
  /** Shown on hover over the label: what the knob does to the steps. */
  help?: string;
  limit: KnobLimit;
  value: number;
  /** What the box holds, when typed into since the knob last moved otherwise. */
  typed: string | undefined;
  /** Messages about what was typed, in the command line's words. */
  problems: readonly string[] | undefined;
  /** The slider moved. */
  onChange: (value: number) => void;
  onType: (text: string) => void;
  disabled?: boolean;
  /** Display scale for the number box (e.g. 100 to show a 0..1 share as %). */
  displayFactor?: number;
  testId: string;
}

const markLabel = (v: number) => v.toLocaleString('en-US');

/** A space is never part of a number: in a number box it types nothing. */
function swallowSpace(e: KeyboardEvent<HTMLInputElement>) {
  if (e.key === ' ') e.preventDefault();
}

export function KnobSlider(props: Props) {
  const { label, help, limit, value, typed, problems, onChange, onType, disabled, testId } = props;
  const factor = props.displayFactor ?? 1;
  const id = useId();
  const shown = value * factor;
  const text = typed ?? String(Number(shown.toFixed(3)));
  const position = (v: number) => Math.round(positionOf(limit, v) * SLIDER_STEPS);
  const marks = limit.marks ?? [];
  return (
    <div className={`knob${marks.length ? ' scaled' : ''}`} data-testid={testId}>
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
        value={position(shown)}
        list={marks.length ? `${id}-marks` : undefined}
        onChange={(e) => onChange(valueAt(limit, Number(e.target.value) / SLIDER_STEPS) / factor)}
        onKeyDown={(e) => {
          // Arrow keys go to the next value, not the next position (which may hold the same value).
          const direction = ARROWS[e.key];
          if (!direction || e.altKey || e.ctrlKey || e.metaKey) return;
          e.preventDefault();
          onChange(nextValue(limit, shown, direction) / factor);
        }}
      />
      {marks.length > 0 && (
        <>
          <datalist id={`${id}-marks`}>
            {marks.map((m) => (
              <option key={m} value={position(m)} />
            ))}
          </datalist>
          <div className="marks" aria-hidden="true">
            {marks.map((m) => (
              <span key={m} style={{ '--at': positionOf(limit, m) } as CSSProperties}>
                {markLabel(m)}
              </span>
            ))}
          </div>
        </>
      )}
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        className="number"
        disabled={disabled}
        value={text}
        aria-invalid={problems ? true : undefined}
        aria-describedby={problems ? `${id}-problem` : undefined}
        title={`allowed ${limit.min}–${limit.max.toLocaleString('en-US')} ${limit.unit}`.trimEnd()}
        onKeyDown={swallowSpace}
        onChange={(e) => onType(e.target.value)}
      />
      <span className="unit">{limit.unit}</span>
      {problems && (
        <p className="knob-error" id={`${id}-problem`} data-testid={`${testId}-problem`}>
          {problems.map((p) => (
            <span key={p}>
              <InlineCode text={p} />
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

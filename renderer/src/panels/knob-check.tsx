/**
 * One on/off knob: a checkbox with its words, in the knob grid's second column (the first is
 * empty), and what it does on hover.
 */
import type { ReactNode } from 'react';

interface Props {
  testId: string;
  help: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  /** Extra class on the label (`env` marks an environment variable). */
  labelClass?: string;
  children: ReactNode;
}

export function KnobCheck({ testId, help, checked, disabled, onChange, labelClass, children }: Props) {
  return (
    <div className="knob">
      <span />
      <label className={labelClass ? `check ${labelClass}` : 'check'} title={help}>
        <input
          type="checkbox"
          data-testid={testId}
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        {children}
      </label>
    </div>
  );
}

/** The preset picker and the paragraph that says what the preset shows and why. */
import { memo } from 'react';
import type { Preset } from '../../../shared/presets.ts';
import { InlineCode } from './inline-code.tsx';

interface Props {
  presets: readonly Preset[];
  presetId: string;
  onPick: (id: string) => void;
  edited: boolean;
}

export const PresetPicker = memo(function PresetPicker({ presets, presetId, onPick, edited }: Props) {
  const preset = presets.find((p) => p.id === presetId);
  return (
    <section className="panel preset" aria-labelledby="preset-heading">
      <h2 id="preset-heading">Scenario</h2>
      <select aria-label="Preset" value={presetId} onChange={(e) => onPick(e.target.value)}>
        {presets.map((p) => (
          <option key={p.id} value={p.id} title={p.summary.replaceAll('`', '')}>
            {p.title}
          </option>
        ))}
      </select>
      <p className="explanation" data-testid="preset-explanation">
        {preset ? <InlineCode text={preset.explanation} /> : 'Loading presets…'}
        {edited ? ' (Edited with the sliders below.)' : ''}
      </p>
    </section>
  );
});

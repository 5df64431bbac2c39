/**
 * The scenario being edited: the chosen preset, the knobs read from it, what was typed into the
 * number boxes (kept exactly, see scenario/typed-knobs.ts), the scenario they make, whether it
 * is valid (with the same sentences the host would use), and its theoretical bound. Everything
 * is derived on each change, so the bound answers every slider move at once.
 */
import { useCallback, useMemo, useState } from 'react';
import { theoreticalBound, type Bound } from '../../../shared/bounds.ts';
import type { Preset } from '../../../shared/presets.ts';
import type { Scenario } from '../../../shared/scenario.ts';
import { checkSettings, type CheckedSettings } from '../scenario/check-settings.ts';
import type { KnobName } from '../scenario/knob-limits.ts';
import { knobsFrom, withDefaults, type Knobs } from '../scenario/knobs.ts';
import { knobsAfterTyping, typedAfterChange, type TypedText } from '../scenario/typed-knobs.ts';

export interface ScenarioEditor {
  preset: Preset | undefined;
  /** The presets to pick from: the list, with a loaded run's settings first when there is one. */
  choices: readonly Preset[];
  pick: (id: string) => void;
  /** Edit a stored run's own settings (opened from the history), as if they were a preset. */
  load: (run: { id: number; name: string; scenario: Scenario }) => void;
  /** Picks a preset with its knobs changed by `edit` (the sweep's "Open as a scenario"). */
  pickEdited: (id: string, edit: (presetKnobs: Knobs) => Knobs) => void;
  base: Scenario | null;
  knobs: Knobs | null;
  /** A slider, a list or a checkbox changed the knobs. */
  setKnobs: (k: Knobs) => void;
  /** Text typed into a number box, kept as typed. */
  typed: TypedText;
  type: (name: KnobName, text: string) => void;
  edited: boolean;
  /** The scenario to run, when valid. */
  scenario: Scenario | null;
  problems: string[];
  /** The problems that belong to one number box. */
  problemsByKnob: CheckedSettings['byKnob'];
  bound: Bound | null;
}

interface Edits {
  presetId: string;
  knobs: Knobs;
  typed: TypedText;
}

/**
 * A stored run's settings as a pseudo-preset, so the picker, the sliders and "What to expect"
 * describe the run on screen. Its target is left out: where to run is chosen beside Run.
 */
function presetOfRun(run: { id: number; name: string; scenario: Scenario }): Preset {
  const { target: _target, ...scenario } = run.scenario;
  return {
    id: `run:${run.id}`,
    title: `Settings of run #${run.id}: ${run.name}`,
    summary: `the settings run #${run.id} ran with`,
    explanation: `The settings run #${run.id} (${run.name}) ran with, loaded with it from the history: the sliders and What to expect describe that run. Pick a preset to start from another.`,
    scenario,
  };
}

const NOTHING_TYPED: TypedText = {};

/** `cores`: the host machine's CPU cores, which the bound assumes (the default 2 until the host says). */
export function useScenarioEditor(presets: readonly Preset[] | undefined, cores?: number): ScenarioEditor {
  const [presetId, setPresetId] = useState<string | null>(null);
  const [edits, setEdits] = useState<Edits | null>(null);
  const [loaded, setLoaded] = useState<Preset | null>(null);
  const choices = useMemo(() => (loaded ? [loaded, ...(presets ?? [])] : (presets ?? [])), [loaded, presets]);
  const preset = choices.find((p) => p.id === presetId) ?? presets?.[0];
  const base = useMemo(() => (preset ? withDefaults(preset.scenario) : null), [preset]);
  const presetKnobs = useMemo(() => (base ? knobsFrom(base) : null), [base]);
  const mine = edits && preset && edits.presetId === preset.id ? edits : null;
  const knobs = mine?.knobs ?? presetKnobs;
  const typed = mine?.typed ?? NOTHING_TYPED;
  const edited = JSON.stringify(knobs) !== JSON.stringify(presetKnobs);
  const checked = useMemo<CheckedSettings>(() => {
    if (!base || !knobs || !presetKnobs || !preset) return { scenario: null, problems: [], byKnob: {} };
    return checkSettings(base, presetKnobs, knobs, typed, edited ? `${preset.title} (edited)` : preset.title);
  }, [base, presetKnobs, knobs, typed, preset, edited]);
  const valid = checked.scenario;
  const bound = useMemo(() => {
    if (!valid) return null;
    try {
      return theoreticalBound(valid, { cores });
    } catch {
      return null;
    }
  }, [valid, cores]);
  const pick = useCallback((id: string) => {
    setPresetId(id);
    setEdits(null);
  }, []);
  const load = useCallback((run: { id: number; name: string; scenario: Scenario }) => {
    const loadedPreset = presetOfRun(run);
    setLoaded(loadedPreset);
    setPresetId(loadedPreset.id);
    setEdits(null);
  }, []);
  const pickEdited = useCallback(
    (id: string, edit: (presetKnobs: Knobs) => Knobs) => {
      const target = presets?.find((p) => p.id === id);
      if (!target) return;
      setPresetId(id);
      setEdits({ presetId: id, knobs: edit(knobsFrom(withDefaults(target.scenario))), typed: NOTHING_TYPED });
    },
    [presets],
  );
  const presetKey = preset?.id;
  const setKnobs = useCallback(
    (k: Knobs) => {
      if (!presetKey || !knobs) return;
      setEdits({ presetId: presetKey, knobs: k, typed: typedAfterChange(typed, knobs, k) });
    },
    [presetKey, knobs, typed],
  );
  const type = useCallback(
    (name: KnobName, text: string) => {
      if (!presetKey || !knobs) return;
      setEdits({ presetId: presetKey, knobs: knobsAfterTyping(knobs, name, text), typed: { ...typed, [name]: text } });
    },
    [presetKey, knobs, typed],
  );
  return {
    preset,
    choices,
    pick,
    load,
    pickEdited,
    base,
    knobs,
    setKnobs,
    typed,
    type,
    edited,
    scenario: valid,
    problems: checked.problems,
    problemsByKnob: checked.byKnob,
    bound,
  };
}

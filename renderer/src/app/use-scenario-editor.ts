/**
 * The scenario being edited: the chosen preset, the knobs read from it, the scenario they make,
 * whether it is valid (with the same sentences the host would use), and its theoretical bound.
 * Everything is derived on each change, so the bound answers every slider move at once.
 */
import { useCallback, useMemo, useState } from 'react';
import { theoreticalBound, type Bound } from '../../../shared/bounds.ts';
import type { Preset } from '../../../shared/presets.ts';
import { scenarioSchema, type Scenario } from '../../../shared/scenario.ts';
import { ValidationError, parseOrExplain } from '../../../shared/validation.ts';
import { applyKnobs } from '../scenario/apply-knobs.ts';
import { knobsFrom, withDefaults, type Knobs } from '../scenario/knobs.ts';

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
  setKnobs: (k: Knobs) => void;
  edited: boolean;
  /** The scenario to run, when valid. */
  scenario: Scenario | null;
  problems: string[];
  bound: Bound | null;
}

function check(scenario: Scenario | null): { valid: Scenario | null; problems: string[] } {
  if (!scenario) return { valid: null, problems: [] };
  try {
    return { valid: parseOrExplain(scenarioSchema, scenario, 'These settings'), problems: [] };
  } catch (e) {
    if (e instanceof ValidationError) return { valid: null, problems: e.problems };
    return { valid: null, problems: [String(e)] };
  }
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

/** `cores`: the host machine's CPU cores, which the bound assumes (the default 2 until the host says). */
export function useScenarioEditor(presets: readonly Preset[] | undefined, cores?: number): ScenarioEditor {
  const [presetId, setPresetId] = useState<string | null>(null);
  const [edits, setEdits] = useState<{ presetId: string; knobs: Knobs } | null>(null);
  const [loaded, setLoaded] = useState<Preset | null>(null);
  const choices = useMemo(() => (loaded ? [loaded, ...(presets ?? [])] : (presets ?? [])), [loaded, presets]);
  const preset = choices.find((p) => p.id === presetId) ?? presets?.[0];
  const base = useMemo(() => (preset ? withDefaults(preset.scenario) : null), [preset]);
  const presetKnobs = useMemo(() => (base ? knobsFrom(base) : null), [base]);
  const knobs = edits && preset && edits.presetId === preset.id ? edits.knobs : presetKnobs;
  const edited = JSON.stringify(knobs) !== JSON.stringify(presetKnobs);
  const built = useMemo(() => {
    if (!base || !knobs || !preset) return null;
    const s = applyKnobs(base, knobs);
    return { ...s, name: edited ? `${preset.title} (edited)` : preset.title };
  }, [base, knobs, preset, edited]);
  const { valid, problems } = useMemo(() => check(built), [built]);
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
      setEdits({ presetId: id, knobs: edit(knobsFrom(withDefaults(target.scenario))) });
    },
    [presets],
  );
  const presetKey = preset?.id;
  const setKnobs = useCallback((k: Knobs) => presetKey && setEdits({ presetId: presetKey, knobs: k }), [presetKey]);
  return {
    preset,
    choices,
    pick,
    load,
    pickEdited,
    base,
    knobs,
    setKnobs,
    edited,
    scenario: valid,
    problems,
    bound,
  };
}

/**
 * Whether the run on screen ran with the settings being edited. Names and the target are left
 * out: a run keeps its settings when renamed, and where it ran is shown by its label.
 */
import type { Scenario } from '../../../shared/scenario.ts';

function settingsKey(scenario: Scenario): string {
  const { name: _name, target: _target, ...settings } = scenario;
  return JSON.stringify(settings);
}

/** True when both exist and differ in anything but the name and the target. */
export function differentSettings(onScreen: Scenario | null, edited: Scenario | null): boolean {
  return onScreen !== null && edited !== null && settingsKey(onScreen) !== settingsKey(edited);
}

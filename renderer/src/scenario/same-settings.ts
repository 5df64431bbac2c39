/**
 * Whether the run on screen ran with the settings being edited. Names and the target are left
 * out: a run keeps its settings when renamed, and where it ran is shown by its label.
 */
import type { Scenario } from '../../../shared/scenario.ts';

/** JSON with every object's keys sorted: the same settings give the same text whatever their order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function settingsKey(scenario: Scenario): string {
  const { name: _name, target: _target, ...settings } = scenario;
  return canonical(settings);
}

/** True when both exist and differ in anything but the name and the target. */
export function differentSettings(onScreen: Scenario | null, edited: Scenario | null): boolean {
  return onScreen !== null && edited !== null && settingsKey(onScreen) !== settingsKey(edited);
}

/**
 * The settings as they stand, checked: the scenario to run when everything typed is allowed,
 * otherwise every problem in the command line's words (field, value, what is allowed), each
 * also attached to the box it came from. See typed-knobs.ts for why derived knobs are checked
 * apart from the scenario.
 */
import { scenarioSchema, type Scenario } from '../../../shared/scenario.ts';
import { ValidationError, parseOrExplain } from '../../../shared/validation.ts';
import { applyKnobs } from './apply-knobs.ts';
import type { KnobName } from './knob-limits.ts';
import type { Knobs } from './knobs.ts';
import { NUMBER_KNOBS, derivedKnobSchema, fieldOf, typedValue, type TypedText } from './typed-knobs.ts';

export interface CheckedSettings {
  /** The scenario to run; null while anything is not allowed. */
  scenario: Scenario | null;
  problems: string[];
  /** The problems that name a box, by box. */
  byKnob: Partial<Record<KnobName, string[]>>;
}

const WHAT = 'These settings';

function explain<T>(run: () => T): { value: T | null; problems: string[] } {
  try {
    return { value: run(), problems: [] };
  } catch (e) {
    return { value: null, problems: e instanceof ValidationError ? e.problems : [String(e)] };
  }
}

/** Sets `path` in a copy of `scenario`, if the path is there (`load.end.count` only ends by count). */
function withValueAt(scenario: Scenario, path: readonly string[], value: unknown): Scenario {
  const copy = structuredClone(scenario) as unknown as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') return scenario;
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (!(last in node)) return scenario;
  node[last] = value;
  return copy as unknown as Scenario;
}

/**
 * `presetKnobs` stand in for a derived knob whose typed value is refused, so its message is
 * said once, under its own name, rather than once per step it would have scaled.
 */
export function checkSettings(
  base: Scenario,
  presetKnobs: Knobs,
  knobs: Knobs,
  typed: TypedText,
  name: string,
): CheckedSettings {
  const entries = Object.entries(typed) as [KnobName, string][];
  const derived = Object.fromEntries(
    entries.filter(([n]) => NUMBER_KNOBS[n].path === null).map(([n, text]) => [n, typedValue(n, text)]),
  );
  const derivedProblems = explain(() => parseOrExplain(derivedKnobSchema, derived, WHAT)).problems;
  const refused = (n: KnobName) => derivedProblems.some((p) => p.startsWith(`\`${fieldOf(n)}\``));

  const usable = { ...knobs };
  for (const [n] of entries) {
    const { knob, path } = NUMBER_KNOBS[n];
    if (path === null && refused(n)) usable[knob] = presetKnobs[knob];
  }
  let draft: Scenario = { ...applyKnobs(base, usable), name };
  // A scenario field typed as something that is not a number goes in as typed: the schema then says so.
  for (const [n, text] of entries) {
    const path = NUMBER_KNOBS[n].path;
    if (path && typeof typedValue(n, text) === 'string') draft = withValueAt(draft, path, text);
  }
  const checked = explain(() => parseOrExplain(scenarioSchema, draft, WHAT));
  const problems = [...derivedProblems, ...checked.problems];

  const byKnob: CheckedSettings['byKnob'] = {};
  for (const n of Object.keys(NUMBER_KNOBS) as KnobName[]) {
    const mine = problems.filter((p) => p.startsWith(`\`${fieldOf(n)}\``));
    if (mine.length) byKnob[n] = mine;
  }
  return { scenario: problems.length ? null : checked.value, problems, byKnob };
}

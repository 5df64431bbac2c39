/**
 * "Run on": the model, real Django, or both. The model and real Django are the scenario's
 * `target`; "both" is an action, not a target: the same scenario on the model, then on real
 * Django, back to back, then the two runs compared (model first, as the baseline).
 *
 * Real Django (and so "both") is offered only when the host found a Python that can run it;
 * otherwise the control says why in the host's own sentence. Pure: the environment in, what the
 * control shows and which runs to start out.
 */
import {
  choosePython,
  describeVersions,
  djangoSeries,
  type DjangoEnvironment,
} from '../../../shared/django-environment.ts';
import type { Scenario } from '../../../shared/scenario.ts';

export const RUN_ON = ['model', 'django', 'both'] as const;
export type RunOn = (typeof RUN_ON)[number];

export const RUN_ON_LABELS: Record<RunOn, string> = { model: 'model', django: 'real Django', both: 'both' };

/** What the person picked: where to run, and which Django (`newest`, or a major.minor like `3.2`). */
export interface RunOnChoice {
  runOn: RunOn;
  django: string;
}

export const DEFAULT_RUN_ON: RunOnChoice = { runOn: 'model', django: 'newest' };

/** What the control can offer on this machine. */
export interface RunOnAvailability {
  /** Real Django and both can be picked. */
  djangoEnabled: boolean;
  /** The host is still looking for Python. */
  pending: boolean;
  /** Why they cannot (the host's sentence), or "Looking for Python…" while it looks; null when they can. */
  reason: string | null;
  /** What a real-Django run would use (`Django 5.2.17 · uvicorn 0.54.0 · …`), or null. */
  versions: string | null;
  /** `Django 5.2.17`, for run names; null when no Python fits. */
  djangoLabel: string | null;
  /** Django major.minor versions found, newest first; a version picker shows when there are two or more. */
  series: string[];
}

/**
 * The control's state for `env` (undefined while the host looks; `error` if the call failed) and
 * the Django version asked for.
 */
export function runOnAvailability(
  env: DjangoEnvironment | undefined,
  error: string | null,
  django: string,
): RunOnAvailability {
  const off = (reason: string, pending = false): RunOnAvailability => ({
    djangoEnabled: false,
    pending,
    reason,
    versions: null,
    djangoLabel: null,
    series: [],
  });
  if (error !== null) return off(`Could not look for Python: ${error}`);
  if (env === undefined) return off('Looking for Python…', true);
  if (!env.ready) return off(env.problem ?? 'No Python with Django, uvicorn and gunicorn was found.');
  const series = djangoSeries(env);
  const choice = choosePython(env, series.includes(django) ? django : 'newest');
  if (!choice.ok) return off(choice.reason);
  return {
    djangoEnabled: true,
    pending: false,
    reason: null,
    versions: describeVersions(choice.candidate),
    djangoLabel: `Django ${choice.candidate.packages.django}`,
    series,
  };
}

/** The choice in force: real Django and both fall back to the model when they cannot run. */
export function effectiveChoice(choice: RunOnChoice, availability: RunOnAvailability): RunOnChoice {
  if (choice.runOn === 'model' || availability.djangoEnabled) return choice;
  return { ...choice, runOn: 'model' };
}

/** One run Run starts: the scenario with its target, and its name in the history (undefined: the scenario's). */
export interface PlannedRun {
  scenario: Scenario;
  name: string | undefined;
}

/** Run names are at most 120 characters; the scenario's name gives way to the suffix. */
function named(scenario: Scenario, suffix: string): string {
  const room = 120 - suffix.length;
  const base = scenario.name.length > room ? `${scenario.name.slice(0, room - 1)}…` : scenario.name;
  return `${base}${suffix}`;
}

/** The runs to start, in order, for `scenario` and the choice in force. */
export function planRuns(scenario: Scenario, choice: RunOnChoice, djangoLabel: string | null): PlannedRun[] {
  const model: PlannedRun = { scenario: { ...scenario, target: { kind: 'model' } }, name: undefined };
  const onDjango = (name: string | undefined): PlannedRun => ({
    scenario: { ...scenario, target: { kind: 'django', django: choice.django } },
    name,
  });
  const label = djangoLabel ?? 'real Django';
  switch (choice.runOn) {
    case 'model':
      return [model];
    case 'django':
      return [onDjango(named(scenario, ` · ${label}`))];
    case 'both':
      return [{ ...model, name: named(scenario, ' · model') }, onDjango(named(scenario, ` · ${label}`))];
  }
}

/**
 * "Target": the built-in server (the model), real Django, both, or your own server at a URL. The
 * model, real Django and a URL are the scenario's `target`; "both" is an action, not a target:
 * the same scenario on the model, then on real Django, back to back, then the two runs compared
 * (model first, as the baseline). A URL run sends the load settings' requests to one method and
 * URL typed here (a mix and headers come from a scenario file or the command line).
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
import { MAX_TARGET_URL_CHARS } from '../../../shared/limits.ts';
import { targetUrlProblem, type HttpMethod, type Scenario } from '../../../shared/scenario.ts';
import { describeUrlRequest } from '../../../shared/url-target.ts';

export const RUN_ON = ['model', 'django', 'both', 'url'] as const;
export type RunOn = (typeof RUN_ON)[number];

export const RUN_ON_LABELS: Record<RunOn, string> = {
  model: 'built-in server',
  django: 'real Django',
  both: 'both',
  url: 'URL',
};

/**
 * What the person picked: where to run, which Django (`newest`, or a major.minor like `3.2`),
 * and for a URL run the method and URL typed (kept while another target is picked).
 */
export interface RunOnChoice {
  runOn: RunOn;
  django: string;
  method: HttpMethod;
  url: string;
}

export const DEFAULT_RUN_ON: RunOnChoice = {
  runOn: 'model',
  django: 'newest',
  method: 'GET',
  url: 'http://127.0.0.1:8000/',
};

/** What is wrong with the URL field, naming the field, the value and what is allowed; null when nothing. */
export function urlFieldProblem(url: string): string | null {
  if (url.length > MAX_TARGET_URL_CHARS)
    return `URL is ${url.length} characters long; allowed at most ${MAX_TARGET_URL_CHARS}`;
  const problem = targetUrlProblem(url);
  return problem ? `URL ${problem}` : null;
}

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
  if (choice.runOn === 'model' || choice.runOn === 'url' || availability.djangoEnabled) return choice;
  return { ...choice, runOn: 'model' };
}

/** The question asked before a URL run's load goes to hosts that are not this machine. */
export function remoteConfirmation(hosts: readonly string[]): string {
  const list = hosts.join(', ');
  return `Send this run's load to ${list}? ${hosts.length === 1 ? 'It is' : 'They are'} not this machine (127.0.0.0/8, ::1, localhost). Load only a server you may load.`;
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

/**
 * The runs to start, in order, for `scenario` and the choice in force. `allowRemote`: the hosts
 * the person confirmed for a URL run (loopback needs none).
 */
export function planRuns(
  scenario: Scenario,
  choice: RunOnChoice,
  djangoLabel: string | null,
  allowRemote: string[] = [],
): PlannedRun[] {
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
    case 'url': {
      const request = { method: choice.method, url: choice.url, headers: {}, weight: 1 };
      const target = { kind: 'url' as const, requests: [request], allowRemote };
      // Named after what it sends: the preset's name describes a server this run never starts.
      return [{ scenario: { ...scenario, target }, name: describeUrlRequest(request).slice(0, 120) }];
    }
  }
}

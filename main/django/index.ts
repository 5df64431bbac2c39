/**
 * Real Django's public face, beside the engine's: the same "scenario in; batches, progress and
 * a summary out" for a scenario whose target is real Django, after finding the Python to run it.
 */
import type { Scenario } from '../../shared/scenario.ts';
import { choosePython, describeVersions, majorMinor } from '../../shared/django-environment.ts';
import type { EngineOptions, RunningScenario } from '../engine/index.ts';
import { djangoCannotRun, poolCannotRun } from './project/expressible.ts';
import { findPostgres, type PostgresInstall } from './postgres/find-postgres.ts';
import { discoverDjangoEnvironment } from './python-env.ts';
import { startDjangoScenario } from './run-on-django.ts';

export { discoverDjangoEnvironment } from './python-env.ts';

export interface PreparedDjangoRun {
  /** The scenario with the Django version it will run on, and the versions recorded in its target. */
  scenario: Scenario;
  python: string;
  djangoVersion: string;
  gunicornVersion: string | null;
  /** PostgreSQL to run Django's connection pool on, when the scenario has one; else null. */
  postgres: PostgresInstall | null;
}

/**
 * The Django a real run asks for: the target's own choice, else Django 3.2 when the scenario
 * behaves as 3.2, else the newest found (a scenario saying 5.2 runs on 5.1 too, rather than not at all).
 */
function wantedDjango(scenario: Scenario): string {
  const chosen = scenario.target.kind === 'django' ? scenario.target.django : 'newest';
  if (chosen !== 'newest') return chosen;
  return scenario.server.django === '3.2' ? '3.2' : 'newest';
}

/**
 * The scenario as it will run on real Django: refused with a sentence when no Python with the
 * wanted Django is found or Django cannot express a setting.
 */
export async function prepareDjangoRun(scenario: Scenario): Promise<PreparedDjangoRun> {
  const wanted = wantedDjango(scenario);
  const choice = choosePython(await discoverDjangoEnvironment(), wanted);
  if (!choice.ok) throw new Error(choice.reason);
  const djangoVersion = majorMinor(choice.candidate.packages.django) ?? wanted;
  const reason = djangoCannotRun(scenario);
  if (reason) throw new Error(reason);
  const postgres = scenario.server.dbPool === undefined ? null : findPostgres();
  const poolProblem = poolCannotRun(
    scenario,
    djangoVersion,
    choice.candidate,
    postgres && !postgres.ok ? postgres.problem : null,
  );
  if (poolProblem) throw new Error(poolProblem);
  return {
    scenario: {
      ...scenario,
      target: { kind: 'django', django: djangoVersion, versions: describeVersions(choice.candidate) },
    },
    python: choice.candidate.path,
    djangoVersion,
    gunicornVersion: choice.candidate.packages.gunicorn,
    postgres: postgres?.ok ? postgres.install : null,
  };
}

export async function prepareDjangoScenario(scenario: Scenario): Promise<Scenario> {
  return (await prepareDjangoRun(scenario)).scenario;
}

export async function startOnDjango(scenario: Scenario, options: EngineOptions): Promise<RunningScenario> {
  const run = await prepareDjangoRun(scenario);
  const { python, djangoVersion, gunicornVersion, postgres } = run;
  return startDjangoScenario(run.scenario, { ...options, python, djangoVersion, gunicornVersion, postgres });
}

/**
 * Real Django's public face, beside the engine's: the same "scenario in; batches, progress and
 * a summary out" for a scenario whose target is real Django.
 */
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../shared/scenario.ts';
import type { EngineOptions, RunningScenario } from '../engine/index.ts';
import { startDjangoScenario } from './run-on-django.ts';
import { djangoCannotExpress } from './project/expressible.ts';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Until discovery lands: INTERLEAVE_PYTHON, else the checkout's .venv. */
function findPython(): string {
  const fromEnv = process.env.INTERLEAVE_PYTHON;
  if (fromEnv) return fromEnv;
  const venv = join(REPO_ROOT, '.venv', 'bin', 'python');
  if (existsSync(venv)) return venv;
  return 'python3';
}

/**
 * The scenario as it will run on real Django: refused with a sentence when no Python with Django
 * is found or Django cannot express a setting; otherwise with the versions recorded in its target.
 */
export async function prepareDjangoScenario(scenario: Scenario): Promise<Scenario> {
  const environment = await describeDjangoEnvironment();
  if (!environment.ready) throw new Error(environment.advice);
  const reason = djangoCannotExpress(scenario, environment.django);
  if (reason) throw new Error(reason);
  return { ...scenario, target: { kind: 'django', django: environment.django, versions: environment.versions } };
}

export async function startOnDjango(scenario: Scenario, options: EngineOptions): Promise<RunningScenario> {
  const prepared = await prepareDjangoScenario(scenario);
  const djangoVersion = prepared.target.kind === 'django' ? prepared.target.django : '';
  return startDjangoScenario(prepared, { ...options, python: findPython(), djangoVersion });
}

export interface DjangoEnvironmentSummary {
  ready: boolean;
  /** What to install, when not ready. */
  advice: string;
  /** Django's major.minor, e.g. "5.2". */
  django: string;
  /** "Python 3.11.7, Django 5.2.17, uvicorn 0.54.0, gunicorn 26.2.0". */
  versions: string;
}

/** The Python real Django runs on, and its versions (replaced by discovery). */
export async function describeDjangoEnvironment(): Promise<DjangoEnvironmentSummary> {
  const { execFileSync } = await import('node:child_process');
  try {
    const out = execFileSync(
      findPython(),
      [
        '-c',
        'import sys,django,uvicorn,gunicorn;print(sys.version.split()[0],django.__version__,uvicorn.__version__,gunicorn.__version__)',
      ],
      { encoding: 'utf8', timeout: 20_000 },
    ).trim();
    const [python, django, uvicorn, gunicorn] = out.split(' ');
    return {
      ready: true,
      advice: '',
      django: django.split('.').slice(0, 2).join('.'),
      versions: `Python ${python}, Django ${django}, uvicorn ${uvicorn}, gunicorn ${gunicorn}`,
    };
  } catch {
    return {
      ready: false,
      advice:
        'No Python with Django, uvicorn and gunicorn was found; install them with: python3 -m pip install django uvicorn gunicorn httpx',
      django: '',
      versions: '',
    };
  }
}

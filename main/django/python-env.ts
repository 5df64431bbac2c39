/**
 * Finding Python for real-Django runs: found, never assumed.
 *
 * Candidates, in this order:
 *   1. `INTERLEAVE_PYTHON` (a path, or a command name looked up on PATH). When it is set it is the
 *      only candidate: someone who names a Python means that one, and a wrong one must say so
 *      rather than quietly fall back to another.
 *   2. `<repo root>/.venv/bin/python`, the environment `npm run setup:python` makes with the
 *      pinned versions of main/django/python/requirements.txt.
 *   3. `python3` on PATH.
 *   4. `/usr/bin/python3` (Linux only): Debian's, which with `python3-django` has Django 3.2, a
 *      second version beside the venv's. (On macOS /usr/bin/python3 is a stub that may open an
 *      installer dialog, so it is not asked.)
 * Each is run once (askPython), all at once, and a candidate that turns out to be the same
 * environment as an earlier one (same interpreter and sys.prefix) is left out. The result is
 * cached per process and per inputs; `refresh` asks again. Nothing here runs at start-up: the
 * first caller pays for it (about a tenth of a second a Python).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  PYTHON_PACKAGES,
  REQUIRED_PACKAGES,
  choosePython,
  type DjangoEnvironment,
  type PythonCandidate,
  type PythonSource,
} from '../../shared/django-environment.ts';
import { askPython, type PythonAnswer } from './ask-python.ts';
import { describeProblem } from './environment-problem.ts';

export { choosePython };

/** From source this file is main/django/; bundled it is out/main/: the repo root is two up either way. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SYSTEM_PYTHON = '/usr/bin/python3';
/** Long enough for a cold start through a version manager's shim, short enough to wait for. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface DiscoveryOptions {
  /** Environment to read INTERLEAVE_PYTHON and PATH from, and to run each Python with. */
  env?: NodeJS.ProcessEnv;
  /** Where `.venv` is looked for. */
  repoRoot?: string;
  /** The system Python asked last; null to skip it. Linux: /usr/bin/python3, elsewhere null. */
  systemPython?: string | null;
  timeoutMs?: number;
  /** Ask every Python again instead of answering from this process's cache. */
  refresh?: boolean;
}

/** `name` looked up on `pathVar` like a shell would: the first executable file of that name. */
export function findOnPath(name: string, pathVar: string | undefined): string | null {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; keep looking.
    }
  }
  return null;
}

interface Planned {
  source: PythonSource;
  path: string;
  /** Known before running anything (e.g. nothing named python3 on PATH). */
  problem: string | null;
}

/** The candidates to ask, in order, without running any of them. */
export function plannedCandidates(env: NodeJS.ProcessEnv, repoRoot: string, systemPython: string | null): Planned[] {
  const named = env.INTERLEAVE_PYTHON;
  if (named !== undefined && named !== '') {
    if (named.includes('/') || named.includes('\\'))
      return [{ source: 'INTERLEAVE_PYTHON', path: isAbsolute(named) ? named : resolve(named), problem: null }];
    const found = findOnPath(named, env.PATH);
    return [{ source: 'INTERLEAVE_PYTHON', path: found ?? named, problem: found ? null : 'is not on PATH' }];
  }
  const onPath = findOnPath('python3', env.PATH);
  const planned: Planned[] = [
    { source: 'repo-venv', path: join(repoRoot, '.venv', 'bin', 'python'), problem: null },
    { source: 'PATH', path: onPath ?? 'python3', problem: onPath ? null : 'is not on PATH' },
  ];
  if (systemPython) planned.push({ source: 'system', path: systemPython, problem: null });
  return planned;
}

function candidateFrom(plan: Planned, outcome: { answer: PythonAnswer } | { problem: string }): PythonCandidate {
  if ('problem' in outcome) {
    const packages = Object.fromEntries(PYTHON_PACKAGES.map((name) => [name, null])) as PythonCandidate['packages'];
    return { ...plan, problem: outcome.problem, python: null, packages, missing: [...REQUIRED_PACKAGES], ready: false };
  }
  const { packages, python } = outcome.answer;
  const missing = REQUIRED_PACKAGES.filter((name) => packages[name] === null);
  return { ...plan, problem: null, python, packages, missing, ready: missing.length === 0 };
}

/** Asks every planned candidate (at once) and puts together what was found. */
export async function discover(options: DiscoveryOptions = {}): Promise<DjangoEnvironment> {
  const env = options.env ?? process.env;
  const systemPython =
    options.systemPython !== undefined ? options.systemPython : process.platform === 'linux' ? SYSTEM_PYTHON : null;
  const planned = plannedCandidates(env, options.repoRoot ?? REPO_ROOT, systemPython);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const outcomes = await Promise.all(
    planned.map((p) => (p.problem ? { problem: p.problem } : askPython(p.path, { timeoutMs, env }))),
  );
  const seen = new Set<string>();
  const candidates: PythonCandidate[] = [];
  planned.forEach((plan, i) => {
    const outcome = outcomes[i];
    if ('answer' in outcome) {
      const key = `${outcome.answer.executable}\n${outcome.answer.prefix}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    candidates.push(candidateFrom(plan, outcome));
  });
  const partial: DjangoEnvironment = {
    candidates,
    chosen: null,
    ready: candidates.some((c) => c.ready),
    problem: null,
  };
  if (!partial.ready) return { ...partial, problem: describeProblem(candidates, env.INTERLEAVE_PYTHON) };
  const choice = choosePython(partial, 'newest');
  return { ...partial, chosen: choice.ok ? choice.index : null };
}

const cache = new Map<string, Promise<DjangoEnvironment>>();

/**
 * The Django environment of this machine, discovered on the first call and cached for the process
 * (per inputs: INTERLEAVE_PYTHON, PATH, repo root, system Python). Never rejects.
 */
export function discoverDjangoEnvironment(options: DiscoveryOptions = {}): Promise<DjangoEnvironment> {
  const env = options.env ?? process.env;
  const key = JSON.stringify([
    env.INTERLEAVE_PYTHON ?? null,
    env.PATH ?? null,
    options.repoRoot ?? REPO_ROOT,
    options.systemPython,
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  ]);
  const cached = cache.get(key);
  if (cached && !options.refresh) return cached;
  const found = discover(options);
  cache.set(key, found);
  return found;
}

/**
 * What this machine offers for running a scenario on real Django: every Python that was tried,
 * the versions of the packages a real-Django run needs in each, and which one a run would use.
 *
 * Discovery itself (spawning each Python once) is Node's job, in main/django/python-env.ts; this
 * file holds only the data it reports and the pure choice made from it, so the renderer can show
 * the same sentence and the same versions the host will use. A run picks its Python from
 * `scenario.target.django` (`newest`, `5.2`, `3.2`, …) with `choosePython`.
 */

/** The distributions a real-Django run reads, by their names in Python's package metadata. */
export const PYTHON_PACKAGES = [
  'django',
  'asgiref',
  'uvicorn',
  'gunicorn',
  'httpx',
  'psycopg',
  'psycopg_pool',
] as const;
export type PythonPackage = (typeof PYTHON_PACKAGES)[number];

/** How each package is written in sentences. */
export const PACKAGE_LABELS: Record<PythonPackage, string> = {
  django: 'Django',
  asgiref: 'asgiref',
  uvicorn: 'uvicorn',
  gunicorn: 'gunicorn',
  httpx: 'httpx',
  psycopg: 'psycopg',
  psycopg_pool: 'psycopg_pool',
};

/**
 * Needed for any run: Django and both servers (uvicorn for `async`, gunicorn for `sync-workers`).
 * asgiref comes with Django; httpx only serves awaited upstream calls, so its absence is reported
 * but does not stop a run.
 */
export const REQUIRED_PACKAGES = ['django', 'uvicorn', 'gunicorn'] as const satisfies readonly PythonPackage[];

/**
 * Needed only by Django 5.1's connection pool (`server.dbPool`), which is PostgreSQL's: the driver
 * and its pool. Their absence leaves every other run alone.
 */
export const POOL_PACKAGES = ['psycopg', 'psycopg_pool'] as const satisfies readonly PythonPackage[];

/** How to get what the pool needs into a Python, said when it lacks some of POOL_PACKAGES. */
export const POOL_INSTALL =
  "python3 -m pip install psycopg psycopg-pool (in a checkout on Debian or Ubuntu: sudo apt-get install python3-psycopg-pool libpq5, then npm run setup:python installs psycopg into .venv and links Debian's psycopg_pool there)";

/** The command that installs what a run needs into a Python, said in every "not ready" sentence. */
export const PIP_INSTALL = 'python3 -m pip install django uvicorn gunicorn httpx';

/** Where a candidate came from, in the order discovery tries them. */
export const PYTHON_SOURCES = ['INTERLEAVE_PYTHON', 'repo-venv', 'PATH', 'system'] as const;
export type PythonSource = (typeof PYTHON_SOURCES)[number];

/** One Python that discovery tried. */
export interface PythonCandidate {
  source: PythonSource;
  /** The executable as it is spawned (absolute, not resolved through symlinks). */
  path: string;
  /** Why it could not be asked (does not exist, timed out, answered garbage); null when it answered. */
  problem: string | null;
  /** `3.11.7`, or null when it did not answer. */
  python: string | null;
  /** Installed versions as the package metadata says, null when absent. */
  packages: Record<PythonPackage, string | null>;
  /** Required packages it lacks (empty when it answered and has them all). */
  missing: PythonPackage[];
  /** It answered and has every required package. */
  ready: boolean;
}

/** Everything discovery found, and the one sentence to show when real Django cannot run. */
export interface DjangoEnvironment {
  /** Every Python tried, in discovery order; one that is the same environment as an earlier is left out. */
  candidates: PythonCandidate[];
  /** Index in `candidates` of the Python a run with `target.django: 'newest'` uses; null when none is ready. */
  chosen: number | null;
  /** At least one candidate can run real Django. */
  ready: boolean;
  /** One sentence saying what is missing and how to install it; null when ready. */
  problem: string | null;
}

/** `5.2.17` → `5.2`; null for anything that is not a version. */
export function majorMinor(version: string | null): string | null {
  const match = version === null ? null : /^(\d+)\.(\d+)/.exec(version);
  return match ? `${Number(match[1])}.${Number(match[2])}` : null;
}

/** Compares dotted versions numerically (`5.10` after `5.2`); non-numeric parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split('.').map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The outcome of choosing a Python for a run: the candidate, or a sentence saying why none fits. */
export type PythonChoice = { ok: true; candidate: PythonCandidate; index: number } | { ok: false; reason: string };

/**
 * The Python a run with `target.django = wanted` uses: for `newest`, the ready candidate with the
 * newest Django (the earlier in discovery order on a tie); for a `major.minor` such as `3.2`, the
 * first ready candidate whose Django has that major.minor. When none fits, the reason names what
 * was asked, what was found and how to get it.
 */
export function choosePython(env: DjangoEnvironment, wanted: string): PythonChoice {
  if (!env.ready) return { ok: false, reason: env.problem ?? 'No Python with Django, uvicorn and gunicorn was found.' };
  const ready = env.candidates.map((candidate, index) => ({ candidate, index })).filter((c) => c.candidate.ready);
  if (wanted === 'newest') {
    let best = ready[0];
    for (const c of ready)
      if (compareVersions(c.candidate.packages.django!, best.candidate.packages.django!) > 0) best = c;
    return { ok: true, ...best };
  }
  const match = ready.find((c) => majorMinor(c.candidate.packages.django) === wanted);
  if (match) return { ok: true, ...match };
  const found = ready.map((c) => `Django ${c.candidate.packages.django} (${c.candidate.path})`).join(', ');
  const hint =
    wanted === '3.2'
      ? 'on Debian, apt-get install python3-django python3-uvicorn gunicorn gives /usr/bin/python3 Django 3.2'
      : `install it beside uvicorn and gunicorn (python3 -m pip install "django==${wanted}.*" uvicorn gunicorn httpx) and point INTERLEAVE_PYTHON at that Python`;
  return {
    ok: false,
    reason: `No Python with Django ${wanted} was found; found ${found}. Choose one of those versions (or newest), or ${hint}.`,
  };
}

/** `Django 5.2.17 · uvicorn 0.54.0 · gunicorn 26.2.0 · Python 3.11.7`: what a run on `candidate` uses. */
export function describeVersions(candidate: PythonCandidate): string {
  const { django, uvicorn, gunicorn } = candidate.packages;
  return `Django ${django ?? '—'} · uvicorn ${uvicorn ?? '—'} · gunicorn ${gunicorn ?? '—'} · Python ${candidate.python ?? '?'}`;
}

/** The distinct Django major.minor versions among ready candidates, newest first (`['5.2', '3.2']`). */
export function djangoSeries(env: DjangoEnvironment): string[] {
  const series = new Set<string>();
  for (const c of env.candidates) {
    const mm = c.ready ? majorMinor(c.packages.django) : null;
    if (mm) series.add(mm);
  }
  return [...series].sort((a, b) => compareVersions(b, a));
}

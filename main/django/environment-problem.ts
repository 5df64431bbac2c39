/**
 * The one sentence shown when real Django cannot run: what is missing, on which Python, and the
 * command that installs it. The UI shows it beside the disabled "real Django" choice, the CLI's
 * `doctor` prints it, and a run that asks for real Django fails with it.
 */
import { PACKAGE_LABELS, PIP_INSTALL, type PythonCandidate } from '../../shared/django-environment.ts';

const SOURCE_NAMES = {
  INTERLEAVE_PYTHON: 'INTERLEAVE_PYTHON',
  'repo-venv': '.venv/bin/python',
  PATH: 'python3 on PATH',
  system: '/usr/bin/python3',
} as const;

function list(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The answered candidate closest to ready: fewest missing packages, the earlier on a tie. */
function closest(candidates: readonly PythonCandidate[]): PythonCandidate | null {
  let best: PythonCandidate | null = null;
  for (const c of candidates) if (c.python !== null && (!best || c.missing.length < best.missing.length)) best = c;
  return best;
}

/** Why none of `candidates` can run real Django, as one sentence (they are all not ready). */
export function describeProblem(candidates: readonly PythonCandidate[], named: string | undefined): string {
  if (named !== undefined && named !== '') {
    const c = candidates[0];
    if (!c || c.python === null)
      return `INTERLEAVE_PYTHON is ${named}, which ${c?.problem ?? 'could not be run'}; point it at a Python with Django, uvicorn and gunicorn, or unset it to look in .venv and on PATH.`;
    return `INTERLEAVE_PYTHON is ${c.path} (Python ${c.python}), which lacks ${list(c.missing.map((m) => PACKAGE_LABELS[m]))}; install them with: ${c.path} -m pip install django uvicorn gunicorn httpx`;
  }
  const best = closest(candidates);
  if (!best) {
    const tried = candidates.map((c) => SOURCE_NAMES[c.source]);
    return `No Python was found (tried ${list(tried)}); install Python 3, then Django, uvicorn and gunicorn with: ${PIP_INSTALL}`;
  }
  return `No Python with Django, uvicorn and gunicorn was found (${best.path}, Python ${best.python}, lacks ${list(best.missing.map((m) => PACKAGE_LABELS[m]))}); install them with: ${PIP_INSTALL}`;
}

/**
 * What `interleave doctor` prints: this machine (Node, platform, cores) and every Python tried
 * for real-Django runs with its versions, then either what a run will use or what to install.
 * Pure: a report in, lines out, so the wording is tested without spawning anything.
 */
import {
  PACKAGE_LABELS,
  POOL_INSTALL,
  POOL_PACKAGES,
  PYTHON_PACKAGES,
  describeVersions,
  djangoSeries,
  type DjangoEnvironment,
  type PythonCandidate,
} from '../../shared/django-environment.ts';

/** What doctor found; `--json` prints exactly this. */
export interface DoctorReport {
  node: string;
  platform: string;
  arch: string;
  cores: number;
  python: DjangoEnvironment;
  /** PostgreSQL's server programs, for Django's connection pool: where they are, or what is missing. */
  postgres?: { bindir: string | null; problem: string | null };
}

const SOURCE_LABELS: Record<PythonCandidate['source'], string> = {
  INTERLEAVE_PYTHON: 'INTERLEAVE_PYTHON',
  'repo-venv': '.venv',
  PATH: 'python3 on PATH',
  system: 'system',
};

export const SETUP_HINT =
  'In a checkout, npm run setup:python makes .venv with the pinned versions (main/django/python/requirements.txt); on Debian or Ubuntu it needs python3-venv (sudo apt-get install python3-venv).';
export const SECOND_VERSION_HINT =
  'For a second Django version (3.2) on Debian: sudo apt-get install python3-django python3-uvicorn gunicorn python3-httpx';

function details(c: PythonCandidate): string {
  if (c.python === null) return c.problem ?? 'did not answer';
  const found = PYTHON_PACKAGES.filter((p) => c.packages[p] !== null).map(
    (p) => `${PACKAGE_LABELS[p]} ${c.packages[p]}`,
  );
  const absent = c.missing.map((p) => PACKAGE_LABELS[p]);
  return [`Python ${c.python}`, ...found, ...(absent.length ? [`no ${absent.join(', ')}`] : [])].join('  ');
}

/** The report as the lines a person reads. */
export function formatDoctorReport(report: DoctorReport): string[] {
  const { python } = report;
  const labelWidth = Math.max(...python.candidates.map((c) => SOURCE_LABELS[c.source].length));
  const pathWidth = Math.max(...python.candidates.map((c) => c.path.length));
  const lines = [
    `Node      ${report.node}`,
    `Platform  ${report.platform} ${report.arch}, ${report.cores} ${report.cores === 1 ? 'core' : 'cores'}`,
    '',
    'Python for real Django, in the order tried (* = used by default):',
    ...python.candidates.map(
      (c, i) =>
        `  ${i === python.chosen ? '*' : ' '} ${SOURCE_LABELS[c.source].padEnd(labelWidth)}  ${c.path.padEnd(pathWidth)}  ${details(c)}`,
    ),
    '',
  ];
  const chosen = python.chosen === null ? null : python.candidates[python.chosen];
  if (!python.ready || !chosen) {
    lines.push(`Real Django: not available. ${python.problem ?? ''}`.trimEnd(), SETUP_HINT);
    return lines;
  }
  lines.push(`Real Django: ready. Runs use ${describeVersions(chosen)} (${chosen.path}).`);
  if (chosen.packages.httpx === null)
    lines.push(`Awaited upstream calls need httpx: ${chosen.path} -m pip install httpx`);
  const pool = poolLine(chosen, report.postgres);
  if (pool) lines.push(pool);
  if (!djangoSeries(python).includes('3.2')) lines.push(SECOND_VERSION_HINT);
  return lines;
}

/** Whether runs of Django's connection pool can use PostgreSQL here, and with what; null when not asked. */
function poolLine(chosen: PythonCandidate, postgres: DoctorReport['postgres']): string | null {
  if (!postgres) return null;
  const lacking = POOL_PACKAGES.filter((p) => chosen.packages[p] === null).map((p) => PACKAGE_LABELS[p]);
  const problems = [
    ...(postgres.problem ? [postgres.problem] : []),
    ...(lacking.length ? [`${chosen.path} lacks ${lacking.join(' and ')}; install with: ${POOL_INSTALL}`] : []),
  ];
  if (problems.length) return `Django's connection pool (dbPool): not available. ${problems.join('; and ')}.`;
  const versions = POOL_PACKAGES.map((p) => `${PACKAGE_LABELS[p]} ${chosen.packages[p]}`).join(', ');
  return `Django's connection pool (dbPool): ready. PostgreSQL's server programs in ${postgres.bindir}; ${versions}.`;
}

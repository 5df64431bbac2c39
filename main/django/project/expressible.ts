/**
 * What real Django cannot be asked to do: the settings of the model that have no Django
 * counterpart (or none in the Django version found), each refused with a sentence naming it;
 * and what this machine lacks for one it can (Django's connection pool needs PostgreSQL).
 */
import {
  POOL_INSTALL,
  POOL_PACKAGES,
  PACKAGE_LABELS,
  type PythonCandidate,
} from '../../../shared/django-environment.ts';
import { handlerHopsQueue, needsExecutor, type Scenario } from '../../../shared/scenario.ts';

/** Django's major.minor as a number to compare: "5.2" → 5.02, "3.2" → 3.02. */
export function djangoVersionNumber(version: string): number {
  const [major, minor] = version.split('.').map(Number);
  return (major || 0) + (minor || 0) / 100;
}

/**
 * A sentence saying why `scenario` cannot run on real Django at all, or null when it can. The
 * thread-sensitive executor is not among the reasons: on real Django it is whatever the version
 * found does (see `djangoDiffersFromModel`), and a run says which version it ran on.
 */
export function djangoCannotRun(scenario: Scenario): string | null {
  const { server } = scenario;
  if (!server.gil)
    return '`server.gil` is off: real Django runs on CPython with its interpreter lock; set the interpreter lock on to run it on real Django';
  if (!server.frameworkPython)
    return '`server.frameworkPython` is off: real Django always runs its own Python around each view; turn it on to run the scenario on real Django';
  if (server.model === 'async' && server.executor === 'pool' && scenario.endpoints.some((e) => e.view === 'sync'))
    return '`server.executor` is pool with a sync (def) view: Django always runs def views thread-sensitively under ASGI; a pool applies only to offloads (thread_sensitive=False)';
  return null;
}

/**
 * Why `scenario`'s connection pool cannot run on real Django `djangoVersion` with `python` on this
 * machine, or null when the scenario has no pool or all is there. Django's pool came in 5.1 and is
 * PostgreSQL's (psycopg_pool): the run needs a PostgreSQL server (`postgresProblem`: what
 * find-postgres.ts said was missing, or null) and psycopg and psycopg_pool in `python`.
 */
export function poolCannotRun(
  scenario: Scenario,
  djangoVersion: string,
  python: Pick<PythonCandidate, 'path' | 'packages'>,
  postgresProblem: string | null,
): string | null {
  const size = scenario.server.dbPool;
  if (size === undefined) return null;
  if (djangoVersionNumber(djangoVersion) < 5.01)
    return `\`server.dbPool\` is ${size}: the connection pool came in Django 5.1, and the Django found is ${djangoVersion}; run it with a Python that has Django 5.1 or newer`;
  const lacking = POOL_PACKAGES.filter((name) => python.packages[name] === null);
  const missing = [
    ...(postgresProblem ? [postgresProblem] : []),
    ...(lacking.length
      ? [
          `${python.path} lacks ${lacking.map((name) => PACKAGE_LABELS[name]).join(' and ')}; install with: ${POOL_INSTALL}`,
        ]
      : []),
  ];
  if (missing.length === 0) return null;
  return `\`server.dbPool\` is ${size}: Django's connection pool is PostgreSQL's (psycopg_pool), and this machine cannot run it: ${missing.join('; and ')}`;
}

/**
 * A sentence saying why real Django `djangoVersion` would not run `scenario` the way the model
 * does (or cannot run it at all), or null when it runs the same settings: what the faithfulness
 * table compares.
 */
export function djangoCannotExpress(scenario: Scenario, djangoVersion: string): string | null {
  const cannot = djangoCannotRun(scenario);
  if (cannot) return cannot;
  const { server } = scenario;
  const perRequestFound = djangoVersionNumber(djangoVersion) >= 4;
  if (server.django && djangoVersionNumber(server.django) >= 4 !== perRequestFound)
    return `\`server.django\` is ${server.django}: Django ${djangoVersion} runs thread-sensitive work otherwise (one thread for the process before 4.0, one per request from 4.0), so run it with a Python that has Django ${server.django}`;
  const threadSensitive = needsExecutor(scenario.endpoints) || server.syncMiddleware || handlerHopsQueue(server);
  if (server.model === 'async' && threadSensitive) {
    const perRequest = perRequestFound;
    if (server.executor === 'one-thread' && perRequest)
      return `\`server.executor\` is one-thread: Django ${djangoVersion} gives each request in flight its own thread (since 4.0); one thread for the process is Django 3.2's behaviour, so run it with a Python that has Django 3.2`;
    if (server.executor === 'per-request' && !perRequest)
      return `\`server.executor\` is per-request: Django ${djangoVersion} runs every thread-sensitive call on one thread for the process; a thread per request needs Django 4.0 or newer`;
  }
  return null;
}

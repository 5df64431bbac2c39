/**
 * Finding PostgreSQL for real-Django runs of Django's connection pool: the server programs
 * (`initdb`, `postgres`) and the user to run them as. Found, never assumed; when something is
 * missing, one sentence says what and how to install it.
 *
 * Where the programs are looked for, in this order: a folder on PATH holding both (Homebrew,
 * Postgres.app), then Debian's and Ubuntu's `/usr/lib/postgresql/<version>/bin`, the newest
 * version first (Debian puts only wrappers on PATH, never initdb).
 *
 * Who runs them: PostgreSQL refuses to run as root (initdb and postgres both exit with "cannot
 * be run as root"), and tests and CI run as root. As root the server runs as the `postgres` user
 * that Debian's package creates; as anyone else, as that user.
 */
import { accessSync, constants, readFileSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { compareVersions } from '../../../shared/django-environment.ts';

/** Where Debian and Ubuntu install each PostgreSQL version's server programs. */
export const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';
/** The user Debian's postgresql package creates, which the server runs as when we are root. */
export const POSTGRES_USER = 'postgres';
/** Said in every sentence about a missing PostgreSQL. */
export const POSTGRES_INSTALL = 'on Debian or Ubuntu: sudo apt-get install postgresql';

/** A user to run the server as: its ids, for spawn's `uid`/`gid`. */
export interface RunAs {
  name: string;
  uid: number;
  gid: number;
}

export interface PostgresInstall {
  /** The folder holding `initdb` and `postgres`. */
  bindir: string;
  /** Null: run as ourselves (we are not root). */
  runAs: RunAs | null;
}

export type PostgresFound = { ok: true; install: PostgresInstall } | { ok: false; problem: string };

function executable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const hasServer = (dir: string) => executable(join(dir, 'initdb')) && executable(join(dir, 'postgres'));

/** The folders to look in, in order: PATH's, then Debian's per-version folders, newest first. */
export function candidateBindirs(pathVar: string | undefined, debianRoot = DEBIAN_POSTGRES_ROOT): string[] {
  let versions: string[] = [];
  try {
    versions = readdirSync(debianRoot).filter((v) => /^\d+(\.\d+)?$/.test(v));
  } catch {
    // No Debian layout here.
  }
  versions.sort((a, b) => compareVersions(b, a));
  return [...(pathVar ?? '').split(delimiter).filter(Boolean), ...versions.map((v) => join(debianRoot, v, 'bin'))];
}

/** The ids of `name` in /etc/passwd, or null when there is no such user. */
export function userIds(name: string, passwd = '/etc/passwd'): RunAs | null {
  let text: string;
  try {
    text = readFileSync(passwd, 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && /^\d+$/.test(uid ?? '') && /^\d+$/.test(gid ?? ''))
      return { name, uid: Number(uid), gid: Number(gid) };
  }
  return null;
}

export interface FindOptions {
  env?: NodeJS.ProcessEnv;
  debianRoot?: string;
  /** Our user id (process.getuid()); 0 means root. */
  uid?: number;
  passwd?: string;
}

/** PostgreSQL's server programs and the user to run them as, or a sentence saying what is missing. */
export function findPostgres(options: FindOptions = {}): PostgresFound {
  const env = options.env ?? process.env;
  const bindir = candidateBindirs(env.PATH, options.debianRoot).find(hasServer);
  if (!bindir)
    return {
      ok: false,
      problem: `PostgreSQL's server programs (initdb and postgres) were not found on PATH or in ${options.debianRoot ?? DEBIAN_POSTGRES_ROOT}/*/bin; install them (${POSTGRES_INSTALL})`,
    };
  const uid = options.uid ?? process.getuid?.() ?? -1;
  if (uid !== 0) return { ok: true, install: { bindir, runAs: null } };
  const runAs = userIds(POSTGRES_USER, options.passwd);
  if (!runAs || runAs.uid === 0)
    return {
      ok: false,
      problem: `PostgreSQL refuses to run as root, and there is no unprivileged "${POSTGRES_USER}" user to run it as (Debian's postgresql package creates one: ${POSTGRES_INSTALL}); or run Interleave as another user`,
    };
  return { ok: true, install: { bindir, runAs } };
}

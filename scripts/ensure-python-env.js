// `npm run setup:python` (also run by `npm test` and .ci/run): makes sure <repo>/.venv holds the
// pinned Python packages real-Django runs use (main/django/python/requirements.txt). It does
// nothing when every pin is installed; otherwise it makes the venv with `python3 -m venv` (when
// missing) and installs the file with pip. One line per step; on failure, a sentence saying what
// to install, and exit code 1. `npm start` never runs this: the app works without Python.
//
// psycopg_pool (Django's connection pool) is not on the package index here, but Debian packages
// it (python3-psycopg-pool) in its dist-packages, beside Debian's Django 3.2 and much else that
// the venv must not see. So only that package is linked in: .venv/debian-psycopg-pool holds a
// symlink to it and one to its metadata, and a .pth file in the venv's site-packages puts that
// folder on sys.path. Without it every other run still works: the script says what is missing.
//
//   node scripts/ensure-python-env.js [--venv DIR]     (default DIR: <repo>/.venv)
//
// pip runs with `--retries 0`: where no package index is reachable, each retry only adds waiting
// (about two minutes in all) before the same failure. A .venv that is a symlink is used as is and
// never cleared.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REQUIREMENTS = join(ROOT, 'main/django/python/requirements.txt');
const { values } = parseArgs({ options: { venv: { type: 'string' } }, strict: true });
const VENV = resolve(values.venv ?? join(ROOT, '.venv'));
const PYTHON = join(VENV, 'bin', 'python');
/** Debian's Python packages (python3-psycopg-pool installs psycopg_pool here). */
const DEBIAN_DIST_PACKAGES = '/usr/lib/python3/dist-packages';
/** The folder in the venv that holds the links to Debian's psycopg_pool alone. */
const POOL_LINKS = join(VENV, 'debian-psycopg-pool');
const POOL_PTH = 'interleave-debian-psycopg-pool.pth';
/** Paths inside the current folder as relative, others in full. */
const shown = (path) => {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
};

function say(line) {
  console.log(`setup:python: ${line}`);
}

function fail(line, output = '') {
  const tail = output.trim().split('\n').slice(-15).join('\n');
  if (tail) console.error(tail);
  console.error(`setup:python: ${line}`);
  process.exit(1);
}

/** `name==version` lines of the requirements file, by name as written there. */
function readPins() {
  const pins = new Map();
  for (const line of readFileSync(REQUIREMENTS, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z0-9._-]+)==(\S+)/.exec(line);
    if (match) pins.set(match[1], match[2]);
  }
  return pins;
}

/** Installed versions of `names` in `python` (null when absent), or null when it does not run. */
function installed(python, names) {
  const script = `import json, sys
from importlib import metadata
def v(n):
    try:
        return metadata.version(n)
    except Exception:
        return None
print(json.dumps({"python": "%d.%d.%d" % tuple(sys.version_info[:3]), "packages": {n: v(n) for n in ${JSON.stringify(names)}}}))`;
  const r = spawnSync(python, ['-c', script], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) return null;
  try {
    return JSON.parse(r.stdout);
  } catch {
    return null;
  }
}

/** Pins that are absent or at another version, as `name (have X, want Y)`. */
function drift(pins, found) {
  return [...pins]
    .filter(([name, want]) => found.packages[name] !== want)
    .map(
      ([name, want]) => `${name} (${found.packages[name] ? `have ${found.packages[name]}` : 'absent'}, want ${want})`,
    );
}

function summary(found) {
  const version = (name) =>
    Object.entries(found.packages).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? 'absent';
  const main = ['Django', 'asgiref', 'uvicorn', 'gunicorn', 'httpx', 'psycopg'].map(
    (name) => `${name} ${version(name)}`,
  );
  return `${main.join(', ')} on Python ${found.python}`;
}

if (!existsSync(REQUIREMENTS)) fail(`${shown(REQUIREMENTS)} is missing; it lists the packages to install.`);
const pins = readPins();
const names = [...pins.keys()];

/** Runs a short script in the venv's Python; its stdout, or null when it fails. */
function ask(script) {
  const r = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Makes Debian's psycopg_pool (and only it) importable in the venv, unless it already is. */
function linkPsycopgPool() {
  const where = ask('import importlib.util as u; s = u.find_spec("psycopg_pool"); print(s.origin if s else "")');
  if (where) return say(`${shown(VENV)} has psycopg_pool (${where}).`);
  const pkg = join(DEBIAN_DIST_PACKAGES, 'psycopg_pool');
  if (!existsSync(pkg))
    return say(
      "psycopg_pool is missing: real-Django runs of Django's connection pool need it (the rest do not); on Debian or Ubuntu: sudo apt-get install python3-psycopg-pool, then run npm run setup:python again.",
    );
  const purelib = ask('import sysconfig; print(sysconfig.get_paths()["purelib"])');
  if (!purelib) fail(`could not ask ${shown(PYTHON)} where its site-packages are.`);
  rmSync(POOL_LINKS, { recursive: true, force: true });
  mkdirSync(POOL_LINKS, { recursive: true });
  symlinkSync(pkg, join(POOL_LINKS, 'psycopg_pool'));
  // Its metadata too, so the version is found as any installed package's is.
  for (const name of readdirSync(DEBIAN_DIST_PACKAGES).filter((n) => /^psycopg_pool-.*\.(dist|egg)-info$/.test(n)))
    symlinkSync(join(DEBIAN_DIST_PACKAGES, name), join(POOL_LINKS, name));
  writeFileSync(join(purelib, POOL_PTH), `${POOL_LINKS}\n`);
  if (ask('import importlib.util as u; assert u.find_spec("psycopg_pool")') === null)
    fail(`linked ${pkg} into ${shown(VENV)}, yet its Python does not find psycopg_pool.`);
  say(`linked Debian's psycopg_pool (${pkg}) into ${shown(VENV)}.`);
}

let found = existsSync(PYTHON) ? installed(PYTHON, names) : null;
if (found && drift(pins, found).length === 0) {
  say(`${shown(VENV)} has every pinned package (${summary(found)}); nothing to do.`);
  linkPsycopgPool();
  process.exit(0);
}

if (!found) {
  const base = spawnSync('python3', ['-c', 'import sys; print("%d.%d.%d" % tuple(sys.version_info[:3]))'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (base.error || base.status !== 0)
    fail(
      'python3 was not found (or does not run): install Python 3 (Debian or Ubuntu: sudo apt-get install python3 python3-venv), then run npm run setup:python again.',
      base.stderr ?? '',
    );
  say(
    `${existsSync(VENV) ? `${shown(VENV)} has no working Python: making it again` : `creating ${shown(VENV)}`} with python3 -m venv (Python ${base.stdout.trim()})…`,
  );
  const venv = spawnSync('python3', ['-m', 'venv', VENV], { encoding: 'utf8', timeout: 300_000 });
  if (venv.status !== 0) {
    const output = `${venv.stdout ?? ''}${venv.stderr ?? ''}`;
    fail(
      /ensurepip|No module named venv/.test(output)
        ? 'python3 -m venv failed: this Python has no venv module (Debian and Ubuntu ship it apart): sudo apt-get install python3-venv, then run npm run setup:python again.'
        : `python3 -m venv ${shown(VENV)} failed (exit ${venv.status ?? venv.signal}).`,
      output,
    );
  }
} else {
  say(`${shown(VENV)} lacks ${drift(pins, found).join(', ')}.`);
}

say(`installing ${shown(REQUIREMENTS)} into ${shown(VENV)} (pip install --retries 0)…`);
const pip = spawnSync(
  PYTHON,
  ['-m', 'pip', 'install', '--retries', '0', '--disable-pip-version-check', '--no-input', '-q', '-r', REQUIREMENTS],
  { encoding: 'utf8', timeout: 900_000 },
);
if (pip.status !== 0)
  fail(
    `pip could not install ${shown(REQUIREMENTS)} (exit ${pip.status ?? pip.signal}); is a package index reachable from here (see pip config list)?`,
    `${pip.stdout ?? ''}${pip.stderr ?? ''}`,
  );

found = installed(PYTHON, names);
const left = found ? drift(pins, found) : ['(its Python does not run)'];
if (left.length > 0) fail(`after installing, ${shown(VENV)} still lacks ${left.join(', ')}.`);
say(`${shown(VENV)} is ready: ${summary(found)}.`);
linkPsycopgPool();

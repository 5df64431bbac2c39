/**
 * Asks one Python what it has: runs it once with a tiny script that prints, as one JSON line, its
 * version and the installed versions of the packages a real-Django run needs (read from package
 * metadata with importlib.metadata, so nothing is imported and no Django settings are needed).
 *
 * Never throws: a Python that does not exist, hangs, crashes or prints something else comes back
 * as a `problem` sentence. A hung one is killed (SIGKILL) when the timeout passes.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PYTHON_PACKAGES, type PythonPackage } from '../../shared/django-environment.ts';

/** What a Python said about itself. */
export interface PythonAnswer {
  python: string;
  /** sys.prefix: a venv has its own, so two paths to one interpreter binary stay apart. */
  prefix: string;
  /** sys.executable resolved through symlinks. */
  executable: string;
  packages: Record<PythonPackage, string | null>;
}

// Kept to what Python 3.8 and later understand; importlib.metadata may be absent before that.
const SCRIPT = `
import json, os, sys
try:
    from importlib import metadata
except ImportError:
    metadata = None
def version(name):
    try:
        return metadata.version(name) if metadata else None
    except Exception:
        return None
print(json.dumps({
    "python": "%d.%d.%d" % tuple(sys.version_info[:3]),
    "prefix": sys.prefix,
    "executable": os.path.realpath(sys.executable),
    "packages": dict((n, version(n)) for n in ${JSON.stringify(PYTHON_PACKAGES)}),
}))
`;

/** Why `path` cannot be run at all, or null when it is an executable file. */
export function notRunnable(path: string): string | null {
  try {
    if (!statSync(path).isFile()) return 'is not a file';
  } catch {
    return 'does not exist';
  }
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return 'is not executable';
  }
  return null;
}

/** The last line of a traceback or of an answer: the part that says what happened. */
function lastLine(text: string): string {
  const line = text.trim().split('\n').pop() ?? '';
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

function parseAnswer(stdout: string): PythonAnswer | null {
  try {
    const value = JSON.parse(stdout.trim()) as Partial<PythonAnswer>;
    if (typeof value.python !== 'string' || typeof value.prefix !== 'string' || typeof value.executable !== 'string')
      return null;
    const packages = {} as Record<PythonPackage, string | null>;
    for (const name of PYTHON_PACKAGES) {
      const v = (value.packages as Record<string, unknown> | undefined)?.[name];
      packages[name] = typeof v === 'string' ? v : null;
    }
    return { python: value.python, prefix: value.prefix, executable: value.executable, packages };
  } catch {
    return null;
  }
}

/** Runs `path` once and reads its answer; `env` is the environment it runs with (PATH matters for shims). */
export function askPython(
  path: string,
  options: { timeoutMs: number; env: NodeJS.ProcessEnv },
): Promise<{ answer: PythonAnswer } | { problem: string }> {
  const cannot = notRunnable(path);
  if (cannot) return Promise.resolve({ problem: cannot });
  return new Promise((resolve) => {
    execFile(
      path,
      ['-c', SCRIPT],
      {
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        // A folder of nobody's code: a `django/` in the current folder must not shadow the real one.
        cwd: tmpdir(),
        env: options.env,
        maxBuffer: 64 * 1024,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (error) {
          const killed = (error as { killed?: boolean }).killed || error.signal === 'SIGKILL';
          if (killed) return resolve({ problem: `did not answer within ${options.timeoutMs / 1000} s` });
          const code = (error as { code?: unknown }).code;
          const detail = lastLine(String(stderr)) || error.message;
          return resolve({
            problem: typeof code === 'number' ? `exited with code ${code}: ${detail}` : `could not start: ${detail}`,
          });
        }
        const answer = parseAnswer(String(stdout));
        resolve(
          answer
            ? { answer }
            : { problem: `answered ${JSON.stringify(lastLine(String(stdout)).slice(0, 60))}, not its versions` },
        );
      },
    );
  });
}

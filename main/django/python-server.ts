/**
 * The real Django server as a child process: uvicorn (one event loop) or gunicorn (sync worker
 * processes), started in a process group of its own so that stopping it by its id also stops
 * every worker it forked, even when the run fails or the server hangs.
 *
 * The last lines of its stderr are kept: a Django that fails to start is reported with them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Scenario } from '../../shared/scenario.ts';

/** Lines of stderr kept for error messages. */
const STDERR_LINES = 12;
/** Longest a server may take to answer its clock route after it was started. */
export const START_TIMEOUT_MS = 30_000;
/** How long a stopping server gets after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 3_000;

export interface PythonServerOptions {
  python: string;
  projectDir: string;
  /** Folders put on PYTHONPATH (the probe package's parent). */
  pythonPath: string[];
  port: number;
  env: Record<string, string>;
}

/** The command line that serves the generated project, as the scenario's server means. */
export function serverCommand(scenario: Scenario, port: number, gunicornVersion: string | null = null): string[] {
  const { server } = scenario;
  if (server.model === 'async' || server.model === 'async-workers')
    return [
      '-m',
      'uvicorn',
      'interleave_site.asgi:application',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      // The plain asyncio loop and h11, the setting Django's async docs assume.
      '--loop',
      'asyncio',
      '--http',
      'h11',
      '--no-access-log',
      '--log-level',
      'warning',
      '--backlog',
      String(server.backlog),
      // N processes on one listening socket, each accepting for its own loop.
      ...(server.model === 'async-workers' ? ['--workers', String(server.workers)] : []),
      ...(server.limitConcurrency !== null ? ['--limit-concurrency', String(server.limitConcurrency)] : []),
    ];
  return [
    '-m',
    'gunicorn',
    'interleave_site.wsgi:application',
    '--bind',
    `127.0.0.1:${port}`,
    '--workers',
    String(server.workers),
    '--worker-class',
    server.model === 'gthread' ? 'gthread' : 'sync',
    ...(server.model === 'gthread' ? ['--threads', String(server.threads)] : []),
    '--backlog',
    String(server.backlog),
    '--timeout',
    String(server.workerTimeoutS),
    // WORKER TIMEOUT is logged at error level; the run's explanation quotes it.
    '--log-level',
    'warning',
    // gunicorn 25+ opens a control socket at one fixed path in the home folder by default:
    // two servers (two runs, two tests) would fight over it.
    ...(gunicornVersion !== null && Number(gunicornVersion.split('.')[0]) >= 25 ? ['--no-control-socket'] : []),
  ];
}

export class PythonServer {
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
  private stderrTail: string[] = [];
  private partial = '';

  constructor(
    readonly command: string[],
    options: PythonServerOptions,
  ) {
    this.process = spawn(options.python, command, {
      cwd: options.projectDir,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        LANG: 'C.UTF-8',
        PYTHONPATH: [options.projectDir, ...options.pythonPath].join(':'),
        PYTHONDONTWRITEBYTECODE: '1',
        PYTHONUNBUFFERED: '1',
        DJANGO_SETTINGS_MODULE: 'interleave_site.settings',
        ...options.env,
      },
    });
    this.process.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.keep(chunk));
    this.exited = new Promise((resolve) => {
      this.process.once('exit', (code) => resolve(code));
      this.process.once('error', (error) => {
        this.keep(`${error.message}\n`);
        resolve(null);
      });
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** The last lines the server wrote to stderr, for error messages. */
  lastLines(): string {
    return [...this.stderrTail, this.partial].filter(Boolean).join('\n').trim();
  }

  /** Stops the whole process group: SIGTERM, then SIGKILL after a grace period. */
  async stop(): Promise<void> {
    const pid = this.process.pid;
    if (pid === undefined || this.process.exitCode !== null || this.process.signalCode !== null) return;
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
    // gunicorn's workers leave with their master; anything left in the group goes now.
    signalGroup(pid, 'SIGKILL');
  }

  private keep(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    this.stderrTail.push(...lines.filter((l) => l.trim()));
    if (this.stderrTail.length > STDERR_LINES) this.stderrTail.splice(0, this.stderrTail.length - STDERR_LINES);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

/**
 * Waits until the server answers `GET url` (its clock route), polling; rejects with the server's
 * last stderr lines if it exits first, or after START_TIMEOUT_MS.
 */
export async function untilServing(server: PythonServer, url: string, signal?: AbortSignal): Promise<void> {
  const deadline = performance.now() + START_TIMEOUT_MS;
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (!exited) {
    if (signal?.aborted) throw new Error('stopped before the load started');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline)
      throw new Error(`real Django did not answer within ${START_TIMEOUT_MS / 1000} s${tail(server)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`real Django exited before it served a request${tail(server)}`);
}

const tail = (server: PythonServer) => {
  const lines = server.lastLines();
  return lines ? `; its last words:\n${lines}` : '';
};

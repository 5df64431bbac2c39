/**
 * A throwaway PostgreSQL server for one real-Django run: a fresh cluster in a temporary folder of
 * its own, listening on 127.0.0.1 on a free port (and on a socket in that folder, never in the
 * system's /var/run/postgresql), started as the user find-postgres.ts chose and stopped by its
 * process id.
 *
 * Speed over durability: the data is thrown away with the run, so the cluster is made without
 * syncing (`initdb --no-sync`) and runs with fsync, synchronous commits and full-page writes off.
 *
 * Stopping: SIGQUIT to the postmaster (PostgreSQL's "immediate" shutdown: no checkpoint, which a
 * discarded cluster does not need), SIGKILL to its process group if it has not left after a
 * grace period, then the folder goes. A start that fails stops whatever it started the same way
 * before it rejects, so no caller is left holding a process it does not know about.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../platform/free-port.ts';
import type { PostgresInstall } from './find-postgres.ts';

/** The superuser initdb makes; connections are trusted (loopback and the private socket only). */
export const POSTGRES_SUPERUSER = 'postgres';
/** Longest initdb and the server's start may each take. */
export const POSTGRES_START_TIMEOUT_MS = 30_000;
/** How long the postmaster gets after SIGQUIT before its process group is killed. */
const STOP_GRACE_MS = 5_000;
/** The line the postmaster logs once it accepts connections (messages are in English: lc_messages C). */
const READY = 'database system is ready to accept connections';
const KEPT_LINES = 12;

export interface PostgresStartOptions {
  /** More `name=value` server settings (each passed as `-c`), after ours. */
  settings?: string[];
}

export class PostgresServer {
  readonly host = '127.0.0.1';
  readonly user = POSTGRES_SUPERUSER;
  private stopping: Promise<void> | null = null;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly postmaster: ChildProcess,
    private readonly exited: Promise<void>,
    private readonly output: () => string,
  ) {}

  /** The postmaster's process id. */
  get pid(): number {
    return this.postmaster.pid!;
  }

  /** `host=… port=… user=…` for libpq and psycopg. */
  conninfo(dbname: string): string {
    return `host=${this.host} port=${this.port} user=${this.user} dbname=${dbname}`;
  }

  /** The server's last log lines, for error messages. */
  lastLines(): string {
    return this.output();
  }

  /** Makes a cluster and starts a server on it; rejects (having stopped and removed everything) when it cannot. */
  static async start(install: PostgresInstall, options: PostgresStartOptions = {}): Promise<PostgresServer> {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-postgres-'));
    const remove = () => rmSync(dir, { recursive: true, force: true });
    const ids = install.runAs ? { uid: install.runAs.uid, gid: install.runAs.gid } : {};
    try {
      if (install.runAs) chownSync(dir, install.runAs.uid, install.runAs.gid);
      const data = join(dir, 'data');
      await initdb(install, data, ids, dir);
      const port = await freePort();
      const settings = [
        `listen_addresses=127.0.0.1`,
        `unix_socket_directories=${dir}`,
        'fsync=off',
        'synchronous_commit=off',
        'full_page_writes=off',
        'lc_messages=C',
        ...(options.settings ?? []),
      ];
      const args = ['-D', data, '-p', String(port), ...settings.flatMap((s) => ['-c', s])];
      const postmaster = spawn(join(install.bindir, 'postgres'), args, {
        ...ids,
        cwd: dir,
        // A process group of its own: stopping it by its id also reaches every backend it forked.
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' },
      });
      const log = keepLines();
      const exited = new Promise<void>((resolve) => postmaster.once('close', () => resolve()));
      const server = new PostgresServer(dir, port, postmaster, exited, log.text);
      try {
        await untilReady(postmaster, log.feed, exited);
      } catch (error) {
        await server.stop();
        throw new Error(`PostgreSQL did not start: ${(error as Error).message}${tail(log.text())}`, { cause: error });
      }
      return server;
    } catch (error) {
      remove();
      throw error;
    }
  }

  /** Stops the server by its process id (SIGQUIT, then SIGKILL to its group) and removes its folder. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const pid = this.postmaster.pid;
      if (pid !== undefined && this.postmaster.exitCode === null && this.postmaster.signalCode === null) {
        signal(pid, 'SIGQUIT');
        const timer = setTimeout(() => signal(-pid, 'SIGKILL'), STOP_GRACE_MS);
        await this.exited;
        clearTimeout(timer);
      }
      // Backends notice their postmaster's death on their own; any still here go now.
      if (pid !== undefined) signal(-pid, 'SIGKILL');
      rmSync(this.dir, { recursive: true, force: true });
    })();
    return this.stopping;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}

/** Runs initdb (as the server's user) and resolves when it made the cluster. */
function initdb(install: PostgresInstall, data: string, ids: { uid?: number; gid?: number }, cwd: string) {
  const args = ['-D', data, '-U', POSTGRES_SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'];
  return new Promise<void>((resolve, reject) => {
    const child = spawn(join(install.bindir, 'initdb'), args, {
      ...ids,
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' },
    });
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (output += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), POSTGRES_START_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`initdb could not start: ${error.message}`));
    });
    child.once('close', (code, sig) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`initdb failed (${code ?? sig})${tail(lastLines(output))}`));
    });
  });
}

/** Resolves on the ready line; rejects when the postmaster exits or times out first. */
function untilReady(postmaster: ChildProcess, feed: (chunk: string) => void, exited: Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`not ready within ${POSTGRES_START_TIMEOUT_MS / 1000} s`)),
      POSTGRES_START_TIMEOUT_MS,
    );
    postmaster.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      feed(chunk);
      const text = seen + chunk;
      // Enough of the end is kept to find the line when a chunk splits it.
      seen = text.slice(-READY.length);
      if (text.includes(READY)) {
        clearTimeout(timer);
        resolve();
      }
    });
    postmaster.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`postgres could not start: ${error.message}`));
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`postgres exited (${postmaster.exitCode ?? postmaster.signalCode}) before it was ready`));
    });
  });
}

function keepLines() {
  let lines: string[] = [];
  let partial = '';
  return {
    feed(chunk: string) {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      lines = [...lines, ...parts.filter((l) => l.trim())].slice(-KEPT_LINES);
    },
    text: () => [...lines, partial].filter(Boolean).join('\n').trim(),
  };
}

const lastLines = (text: string) => text.trim().split('\n').slice(-KEPT_LINES).join('\n');
const tail = (text: string) => (text ? `; its last words:\n${text}` : '');

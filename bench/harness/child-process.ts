/**
 * Runs a Node script in a child process of its own and returns what it printed on stdout.
 * CPU-bound peers (autocannon) and whole runs whose peak memory is measured run this way, so
 * they never share a process with what they are compared against. A child that overruns its
 * time is killed: every benchmark stays bounded in time.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, where `--import tsx` resolves. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function runNodeChild(args: string[], options: { timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else {
        const why = signal
          ? `was killed (${signal}${signal === 'SIGKILL' ? `, over ${options.timeoutMs / 1000} s` : ''})`
          : `exited with ${code}`;
        reject(new Error(`${args.join(' ')} ${why}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
      }
    });
  });
}

/** The last line of a child's output, parsed as JSON (children print one JSON line at the end). */
export function lastJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

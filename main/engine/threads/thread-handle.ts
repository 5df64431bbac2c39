/**
 * The engine's handle on one thread: waits for its Ready handshake, asks it things
 * (flush, clock) and routes everything else it reports to the recorder.
 */
import type { Worker } from 'node:worker_threads';
import type { EngineCommand, ThreadReport } from './protocol.ts';
import type { WorkerName } from './spawn.ts';

type Waiter = { type: ThreadReport['type']; resolve(report: ThreadReport): void };

export class ThreadHandle {
  readonly ready: Promise<Extract<ThreadReport, { type: 'ready' }>>;
  private waiters: Waiter[] = [];
  private exited = false;

  constructor(
    readonly name: WorkerName,
    readonly worker: Worker,
    onReport: (report: ThreadReport) => void,
    onFailure: (message: string) => void,
    /** Started ahead of its run as a spare (thread-reserve.ts), not by the run. */
    readonly spare = false,
    /** Its clock's difference from the engine's, ms, when already measured (a spare's); else null. */
    readonly clockSkewMs: number | null = null,
  ) {
    this.ready = new Promise((resolve, reject) => {
      worker.on('message', (report: ThreadReport) => {
        if (report.type === 'ready') resolve(report);
        const i = this.waiters.findIndex((w) => w.type === report.type);
        if (i !== -1) this.waiters.splice(i, 1)[0].resolve(report);
        else if (report.type !== 'ready') onReport(report);
      });
      worker.on('error', (error) => {
        const message = `${name} thread failed: ${error.message}`;
        reject(new Error(message));
        onFailure(message);
      });
      worker.on('exit', (code) => {
        this.exited = true;
        reject(new Error(`${name} thread exited with code ${code} before it was ready`));
        for (const w of this.waiters.splice(0)) w.resolve({ type: 'fatal', message: `${name} exited` });
      });
    });
    // Whoever awaits `ready` sees a failure; this only keeps a late one from being "unhandled".
    this.ready.catch(() => undefined);
  }

  send(command: EngineCommand): void {
    if (!this.exited) this.worker.postMessage(command);
  }

  /** Send `command` and wait for a report of `type` (or give up after `timeoutMs`). */
  ask<T extends ThreadReport['type']>(
    command: EngineCommand,
    type: T,
    timeoutMs = 2_000,
  ): Promise<Extract<ThreadReport, { type: T }> | null> {
    if (this.exited) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(null);
      }, timeoutMs);
      const waiter: Waiter = {
        type,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r.type === type ? (r as Extract<ThreadReport, { type: T }>) : null);
        },
      };
      this.waiters.push(waiter);
      this.send(command);
    });
  }

  async terminate(): Promise<void> {
    this.send({ type: 'close' });
    await this.worker.terminate();
  }
}

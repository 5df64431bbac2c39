/**
 * A thread's start data, on the thread's side. A thread started for a run is given its data as
 * `workerData`. A spare thread (thread-reserve.ts) was started before its run was known: it is
 * given only the run-independent part (`SpareData`), does the work that needs nothing else
 * (loading its code, the SQLite driver and the shop, warming the JIT), says `spare-ready`, and
 * then waits for the rest in one `configure` message. Either way the thread's code reads
 * `await threadData()` and goes on exactly as a fresh thread would.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { monotonicMs } from '../clock.ts';

/** What a spare thread starts with: what every run of this host shares. */
export interface SpareData {
  spare: true;
  shopDbFile: string;
}

/** The message that turns a spare into a run's thread (ports in it travel in its transfer list). */
export interface ConfigureMessage {
  type: 'configure';
  data: unknown;
}

/** A waiting spare's clock, asked by the reserve (its clock is checked before a run, not during). */
export interface SpareClockMessage {
  type: 'spare-clock';
  /** The spare's monotonic clock, ms. */
  nowMs: number;
}

export function isSpareData(data: unknown): data is SpareData {
  return typeof data === 'object' && data !== null && (data as Partial<SpareData>).spare === true;
}

/** Was this thread started as a spare, before its run was known? */
export function isSpareThread(): boolean {
  return isSpareData(workerData);
}

/** The SQLite shop this thread will query: known before the run for a spare, as for a run's thread. */
export function shopFileOfThread(): string {
  return (workerData as { shopDbFile: string }).shopDbFile;
}

/** This thread's data: its workerData, or (for a spare) the data of the run that takes it. */
export function threadData<T>(): Promise<T> {
  if (!isSpareData(workerData)) return Promise.resolve(workerData as T);
  return new Promise((resolve) => {
    const onMessage = (message: ConfigureMessage | { type: 'clock' }) => {
      if (message.type === 'clock') {
        parentPort!.postMessage({ type: 'spare-clock', nowMs: monotonicMs() } satisfies SpareClockMessage);
        return;
      }
      parentPort!.off('message', onMessage);
      resolve(message.data as T);
    };
    parentPort!.on('message', onMessage);
    parentPort!.postMessage({ type: 'spare-ready' });
  });
}

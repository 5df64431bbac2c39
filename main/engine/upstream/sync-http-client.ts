/**
 * The sync HTTP client of sync code (`requests.get`): the calling thread is parked until the
 * answer comes. Node has no blocking sockets, so the call itself is made by the sync-http
 * thread (a real HTTP request over loopback) while this thread waits on a shared flag; the
 * answer is then read synchronously from the port. To the caller's lane it looks exactly like a
 * blocking socket read: the thread can do nothing else meanwhile.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { stopRequested, type ControlWord } from '../control.ts';
import type { HttpResult } from './upstream-url.ts';

export interface SyncHttpRequest {
  url: string;
  timeoutMs: number;
  flag: Int32Array;
}

export class SyncHttpClient {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));

  constructor(
    private readonly port: MessagePort,
    private readonly control: ControlWord,
  ) {}

  get(url: string, timeoutMs: number): HttpResult {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage({ url, timeoutMs, flag: this.flag } satisfies SyncHttpRequest);
    // Wait in short slices so a stopped run does not leave this thread parked.
    while (Atomics.load(this.flag, 0) === 0) {
      if (stopRequested(this.control)) return { status: 0, error: 'run stopped', timedOut: false };
      Atomics.wait(this.flag, 0, 0, 50);
    }
    for (;;) {
      const message = receiveMessageOnPort(this.port);
      if (message) return message.message as HttpResult;
      Atomics.wait(this.flag, 0, 1, 0.1);
    }
  }
}

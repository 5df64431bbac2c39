/**
 * A spare thread's HTTP exercise, done before it has a run (thread-reserve.ts): a throwaway
 * server on 127.0.0.1 inside the thread, and `requests` calls to it through the thread's own
 * client, `parallel` at a time. The JIT compiles the paths a run will take (Node's HTTP server,
 * undici and its parser, the thread's own handlers) while nobody waits, so a run on spares
 * needs only to open its connections, not the load generator's 20 rounds of warm-up.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Calls per spare: about what the warm-up sends for ten users (20 rounds of 10). */
export const EXERCISE_REQUESTS = 240;
export const EXERCISE_PARALLEL = 8;

const BODY = '{"ok":true,"endpoint":"warm-up"}';

export interface ExerciseOptions {
  requests?: number;
  parallel?: number;
  /** More exercise against the same server once the calls are done (the load generator's schedule). */
  afterwards?: (url: string) => Promise<void>;
}

export async function exerciseHttp(
  call: (url: string) => Promise<unknown>,
  options: ExerciseOptions = {},
): Promise<void> {
  const { requests = EXERCISE_REQUESTS, parallel = EXERCISE_PARALLEL, afterwards } = options;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) });
    res.end(BODY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (let sent = 0; sent < requests; sent += parallel)
      await Promise.allSettled(Array.from({ length: Math.min(parallel, requests - sent) }, () => call(url)));
    await afterwards?.(url);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

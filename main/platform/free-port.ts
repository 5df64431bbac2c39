/**
 * A loopback port the OS just handed out and that was released again: nothing listens on it, so
 * connecting is refused (the engine's `refuse` faults), or a server started next may take it (real
 * Django's uvicorn and gunicorn). Another program could take it in between (README, accepted
 * exceptions).
 */
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The baseline: a bare `node:http` server that answers exactly what the engine's trivial
 * endpoint answers (same status, headers and body, same keep-alive settings), with nothing
 * recorded. It runs either in a worker thread (to compare with the engine's server thread, which
 * is a worker too) or in a process of its own (for the load-generator comparison, where the
 * server must not share a process with either client).
 *
 * The code is a string run with `eval` so that neither a worker nor a child process needs a
 * TypeScript loader: the baseline must not pay for tooling the engine does not pay for.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { WARM_UP_PATH } from '../../main/engine/threads/protocol.ts';

/** The trivial endpoint's name in every bench scenario; the body below names it. */
export const TRIVIAL_ENDPOINT = 'trivial';
const BODY = `{"ok":true,"endpoint":${JSON.stringify(TRIVIAL_ENDPOINT)}}`;

const serverSource = (announce: string) => `
const { createServer } = require('node:http');
const body = ${JSON.stringify(BODY)};
const length = Buffer.byteLength(body);
const server = createServer((req, res) => {
  if (req.url === ${JSON.stringify(WARM_UP_PATH)}) { res.writeHead(204).end(); return; }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': length });
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.headersTimeout = 0;
server.requestTimeout = 0;
server.listen(0, '127.0.0.1', () => { const port = server.address().port; ${announce} });
`;

export interface BareServer {
  url: string;
  stop(): Promise<void>;
}

/** The bare server in a worker thread of this process. */
export async function startBareServerThread(): Promise<BareServer> {
  const worker = new Worker(serverSource(`require('node:worker_threads').parentPort.postMessage(port);`), {
    eval: true,
    execArgv: [],
  });
  const [port] = (await once(worker, 'message')) as [number];
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await worker.terminate();
    },
  };
}

/** The bare server in a child process of its own. */
export async function startBareServerProcess(): Promise<BareServer> {
  const child = spawn(process.execPath, ['-e', serverSource(`process.stdout.write(port + '\\n');`)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  const port = Number(chunk.toString().trim());
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

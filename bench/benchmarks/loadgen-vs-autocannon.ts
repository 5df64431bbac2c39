/**
 * Interleave's load generator against autocannon on the same bare server. Each client runs in a
 * process of its own and the server in a third, so no client shares a thread or a process with
 * what it measures. Same connection count, same duration, one request at a time per connection
 * (autocannon's default; the load generator's closed model). Runs alternate and the figure is
 * the median of the pairs' ratios.
 */
import { join } from 'node:path';
import { atLeast, figure, type Benchmark } from '../result.ts';
import { list, median } from '../stats.ts';
import { startBareServerProcess } from '../harness/bare-server.ts';
import { lastJsonLine, REPO_ROOT, runNodeChild } from '../harness/child-process.ts';

const CONNECTIONS = 10;
const SECONDS = 3;
const PAIRS = 5;
const PATH = '/ep/0';

interface AutocannonJson {
  requests: { total: number };
  duration: number;
  errors: number;
  non2xx: number;
}

async function autocannonRps(url: string): Promise<number> {
  const cli = join(REPO_ROOT, 'node_modules', 'autocannon', 'autocannon.js');
  const out = await runNodeChild([cli, '-c', String(CONNECTIONS), '-d', String(SECONDS), '-j', url + PATH], {
    timeoutMs: (SECONDS + 30) * 1000,
  });
  const result = lastJsonLine<AutocannonJson>(out);
  if (result.errors || result.non2xx)
    throw new Error(`autocannon saw ${result.errors} errors, ${result.non2xx} non-2xx`);
  return result.requests.total / result.duration;
}

async function loadgenRps(url: string): Promise<number> {
  const out = await runNodeChild(
    [
      '--import',
      'tsx',
      join(REPO_ROOT, 'bench', 'harness', 'loadgen-child.ts'),
      url,
      String(CONNECTIONS),
      String(SECONDS),
    ],
    { timeoutMs: (SECONDS + 30) * 1000 },
  );
  const result = lastJsonLine<{ requests: number; errors: number; rps: number }>(out);
  if (result.errors) throw new Error(`the load generator saw ${result.errors} errors`);
  return result.rps;
}

export const loadgenVsAutocannon: Benchmark = {
  id: 'loadgen-vs-autocannon',
  title: 'Load generator vs autocannon on a bare server',
  budgetSeconds: 120,
  async run() {
    const server = await startBareServerProcess();
    const ours: number[] = [];
    const theirs: number[] = [];
    try {
      for (let pair = 0; pair < PAIRS; pair++) {
        if (pair % 2 === 0) {
          theirs.push(await autocannonRps(server.url));
          ours.push(await loadgenRps(server.url));
        } else {
          ours.push(await loadgenRps(server.url));
          theirs.push(await autocannonRps(server.url));
        }
      }
    } finally {
      await server.stop();
    }
    const ratios = ours.map((o, i) => o / theirs[i]);
    const extraMicros = 1e6 / median(ours) - 1e6 / median(theirs);
    return [
      figure({
        name: 'load generator / autocannon, req/s',
        value: median(ratios),
        unit: 'ratio',
        target: atLeast(0.9, '≥ 0.90'),
        limitedBy: 'building, validating and recording each request',
        why: `${extraMicros.toFixed(1)} µs ${extraMicros >= 0 ? 'more' : 'less'} a request than autocannon, which writes one prebuilt request and counts responses; the load generator builds each request (its id and endpoint in headers), lets undici validate and serialise it, and stamps and keeps a record of every request; it speaks undici's core handler interface so no response's headers become an object (the newer handler API costs 8–9% of requests/s); the clients share 2 cores with the server`,
        detail: `${CONNECTIONS} connections, ${SECONDS} s, ${PAIRS} alternating pairs; load generator ${list(ours, 0)} req/s, autocannon ${list(theirs, 0)} req/s; ratios ${list(ratios)}`,
      }),
    ];
  },
};

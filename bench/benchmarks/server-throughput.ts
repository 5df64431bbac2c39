/**
 * The engine's server with everything recorded, against a bare `node:http` server that answers
 * the same bytes from a worker thread, both driven by the same client (Interleave's load
 * generator, in this process, as in a real run). Runs alternate, engine then bare then bare then
 * engine…, and the figure is the median of the pairs' ratios, so a machine that slows down
 * during the suite slows both sides of a pair alike.
 *
 * The same pairs give the "recording on versus off" throughput: the bare server is the engine's
 * server with nothing recorded (no ids read, no stamps, no loop sampling, no recorder).
 */
import { atLeast, figure, type Benchmark } from '../result.ts';
import { list, median } from '../stats.ts';
import { startBareServerThread } from '../harness/bare-server.ts';
import { startCpuMeter } from '../harness/cpu-meter.ts';
import { runEngine } from '../harness/engine-run.ts';
import { driveLoadgen } from '../harness/loadgen-driver.ts';
import { closedLoad, parseLoad, trivialScenario } from '../harness/scenarios.ts';
import { throughputRps } from '../harness/throughput.ts';

const USERS = Number(process.env.BENCH_USERS ?? 10);
const SECONDS = 2;
const PAIRS = 5;

async function engineRps(): Promise<{ rps: number; cores: number }> {
  const run = await runEngine(trivialScenario(closedLoad(USERS, { seconds: SECONDS })));
  if (run.outcome.status !== 'complete') throw new Error(`engine run ${run.outcome.status}: ${run.outcome.error}`);
  return { rps: throughputRps(run.requests), cores: run.coresBusy };
}

async function bareRps(): Promise<{ rps: number; cores: number }> {
  const server = await startBareServerThread();
  try {
    const meter = startCpuMeter();
    const requests = await driveLoadgen(server.url, parseLoad(closedLoad(USERS, { seconds: SECONDS })));
    return { rps: throughputRps(requests), cores: meter() };
  } finally {
    await server.stop();
  }
}

const SHARED_CORES = '2 cores shared with the client and loopback TCP';
export const serverThroughput: Benchmark = {
  id: 'server-throughput',
  title: 'Server throughput: engine (recording on) vs bare node:http',
  budgetSeconds: 90,
  async run() {
    const engine: { rps: number; cores: number }[] = [];
    const bare: { rps: number; cores: number }[] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      if (pair % 2 === 0) {
        engine.push(await engineRps());
        bare.push(await bareRps());
      } else {
        bare.push(await bareRps());
        engine.push(await engineRps());
      }
    }
    const ratios = engine.map((e, i) => e.rps / bare[i].rps);
    const engineRpsMedian = median(engine.map((e) => e.rps));
    const bareRpsMedian = median(bare.map((b) => b.rps));
    // What the engine adds per request to the loop that sets the pace: the difference of 1/rate.
    const extraMicros = 1e6 / engineRpsMedian - 1e6 / bareRpsMedian;
    const cores = `2 cores shared by the server thread, the load generator's thread and loopback TCP in the kernel (cores busy: engine ${median(engine.map((e) => e.cores)).toFixed(2)}, bare ${median(bare.map((b) => b.cores)).toFixed(2)})`;
    const detail =
      `${USERS} users, ${SECONDS} s a run, ${PAIRS} alternating pairs; engine ${list(
        engine.map((e) => e.rps),
        0,
      )} req/s ` +
      `(cores busy ${list(engine.map((e) => e.cores))}), bare ${list(
        bare.map((b) => b.rps),
        0,
      )} req/s ` +
      `(cores busy ${list(bare.map((b) => b.cores))}); ratios ${list(ratios)}`;
    return [
      figure({
        name: 'server throughput, engine (recording on) / bare http (nothing recorded)',
        value: median(ratios),
        unit: 'ratio',
        target: atLeast(0.9, '≥ 0.90'),
        limitedBy: "Node's HTTP code, slower beside the engine's threads",
        why: `the engine's server thread spends ${extraMicros.toFixed(1)} µs more a request; profiled, the engine's own code (reading the id and endpoint, the interpreter lock, running the view, stamping and batching records) is ~2% of that thread's time, and the rest is the same Node HTTP and socket code running slower (writev ~11 against ~10 µs a request) beside the engine's other threads; a faster shared client (the load generator no longer builds a header object per response) raised the bare server more than the engine's, which is bound by that thread; ${cores}`,
        detail,
      }),
      figure({
        name: 'engine server throughput (trivial endpoint)',
        value: engineRpsMedian,
        unit: 'req/s',
        digits: 0,
        limitedBy: SHARED_CORES,
        why: cores,
      }),
      figure({
        name: 'bare http server throughput (same client)',
        value: bareRpsMedian,
        unit: 'req/s',
        digits: 0,
        limitedBy: SHARED_CORES,
        why: cores,
      }),
    ];
  },
};

/**
 * The benchmark suite: `npm run bench` (all of it, then the table, bench/results.json,
 * bench/README-section.md and bench/README.md), or `npm run bench -- --only renderer,send-lag`
 * (those: the table and each figure's explanation and detail, no file).
 *
 * Benchmarks run one after another, never two at once: on 2 cores they would measure each
 * other. Each has a time budget; one that overruns or fails is reported as not measured and the
 * suite goes on, so the whole stays under ten minutes.
 */
import { parseArgs } from 'node:util';
import { clockAlignment } from './benchmarks/clock-alignment.ts';
import { hundredThousandRequests } from './benchmarks/hundred-thousand-requests.ts';
import { loadgenVsAutocannon } from './benchmarks/loadgen-vs-autocannon.ts';
import { mainThread } from './benchmarks/main-thread.ts';
import { memoryPerSpan } from './benchmarks/memory-per-span.ts';
import { recordingCost } from './benchmarks/recording-cost.ts';
import { renderer } from './benchmarks/renderer.ts';
import { runStart } from './benchmarks/run-start.ts';
import { sendLag } from './benchmarks/send-lag.ts';
import { serverThroughput } from './benchmarks/server-throughput.ts';
import { timingFidelity } from './benchmarks/timing-fidelity.ts';
import { loadNow, machineInfo } from './machine.ts';
import { waitForQuietMachine } from './harness/quiet-machine.ts';
import { writeBenchReadme } from './bench-readme.ts';
import { writeReadmeSection } from './readme-section.ts';
import { RESULTS_FILE, writeReport } from './report-file.ts';
import type { BenchResult, Benchmark } from './result.ts';
import { formatTable } from './table.ts';

const SUITE: Benchmark[] = [
  serverThroughput,
  recordingCost,
  loadgenVsAutocannon,
  sendLag,
  timingFidelity,
  clockAlignment,
  hundredThousandRequests,
  mainThread,
  memoryPerSpan,
  renderer,
  runStart,
];

function withinBudget(benchmark: Benchmark): Promise<BenchResult[]> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`over its budget of ${benchmark.budgetSeconds} s`)),
      benchmark.budgetSeconds * 1000,
    );
  });
  return Promise.race([benchmark.run(), overrun]).finally(() => clearTimeout(timer));
}

const { values } = parseArgs({
  options: { only: { type: 'string' }, list: { type: 'boolean', default: false } },
  strict: true,
});
if (values.list) {
  for (const b of SUITE) console.log(`${b.id.padEnd(28)} ${b.title} (budget ${b.budgetSeconds} s)`);
  process.exit(0);
}
const only = values.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((id) => !SUITE.some((b) => b.id === id)) ?? [];
if (unknown.length) {
  console.error(`--only: no benchmark named ${unknown.join(', ')}; see --list`);
  process.exit(2);
}
const chosen = only ? SUITE.filter((b) => only.includes(b.id)) : SUITE;

const machine = machineInfo();
console.error(
  `${machine.cpus} × ${machine.cpuModel}, ${machine.memGiB} GiB, Node ${machine.node}; load average ${machine.loadAverage.start}`,
);
const started = performance.now();
const results: BenchResult[] = [];
let crashed = 0;
for (const benchmark of chosen) {
  const quiet = await waitForQuietMachine();
  const t0 = performance.now();
  process.stderr.write(
    `▶ ${benchmark.title} (after ${(quiet.waitedMs / 1000).toFixed(1)} s for a quiet machine: ${Math.round(quiet.busyShare * 100)}% busy) … `,
  );
  const loadBefore = loadNow();
  try {
    const figures = await withinBudget(benchmark);
    // A busy machine shows in every figure it touched: the 1-minute load average around it.
    const load = `load average ${loadBefore} → ${loadNow()}`;
    results.push(...figures.map((f) => ({ ...f, detail: f.detail ? `${f.detail}; ${load}` : load })));
    process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  } catch (error) {
    crashed++;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`failed: ${message}\n`);
    results.push({
      name: benchmark.title,
      value: null,
      unit: '',
      target: '—',
      pass: false,
      limitedBy: 'not measured: the benchmark failed',
      why: message,
    });
  }
}
machine.loadAverage.end = loadNow();
const durationSeconds = Math.round((performance.now() - started) / 1000);
console.log(formatTable(results));
// A partial run writes no file: its explanations and details go to the terminal instead.
if (only) for (const r of results) for (const text of [r.why, r.detail]) if (text) console.error(`${r.name}: ${text}`);
console.error(`suite: ${durationSeconds} s; load average ${machine.loadAverage.start} → ${machine.loadAverage.end}`);
if (!only) {
  const report = { machine, durationSeconds, results };
  writeReport(report);
  await writeReadmeSection(report);
  await writeBenchReadme(report);
  console.error(`wrote ${RESULTS_FILE}, the README section and README.md beside it`);
}
process.exit(crashed ? 1 : 0);

import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { theoreticalBound } from '../../../shared/bounds.ts';
import { formatFromFileName } from '../../../shared/report/formats.ts';
import { checkRunName } from '../../../shared/run.ts';
import { startOneRun, type OneRun } from '../../app/one-run.ts';
import { UsageError } from '../cli-error.ts';
import { progressLine } from '../progress-line.ts';
import { RUN_HELP } from '../run-help.ts';
import { batchCounter, summaryJson, summaryText } from '../print-summary.ts';
import { scenarioFromFlags } from '../scenario-from-flags.ts';
import { openCliApp } from './open-store.ts';
import { runBoth } from './run-both.ts';
import { remoteHostsNotAllowed, remoteRefusal, urlTargetOf } from '../../../shared/url-target.ts';
import { targetLines } from '../print-summary.ts';

const text = { type: 'string' } as const;
const texts = { type: 'string', multiple: true } as const;
const OPTIONS = {
  preset: text,
  scenario: text,
  server: text,
  workers: text,
  view: text,
  executor: text,
  threads: text,
  gil: text,
  'framework-python': text,
  step: text,
  latency: text,
  inner: text,
  gather: text,
  concurrency: text,
  requests: text,
  rate: text,
  arrival: text,
  duration: text,
  think: text,
  'max-in-flight': text,
  'limit-concurrency': text,
  backlog: text,
  'worker-timeout': text,
  'allow-async-unsafe': { type: 'boolean' },
  'sync-middleware': { type: 'boolean' },
  'db-connect': text,
  'db-max-connections': text,
  'persistent-connections': { type: 'boolean' },
  'db-pool': text,
  on: text,
  django: text,
  url: texts,
  method: text,
  header: texts,
  body: text,
  'body-file': text,
  'allow-remote': texts,
  db: text,
  out: text,
  name: text,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  if (values.help) {
    process.stdout.write(`${RUN_HELP}\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const outFormat = values.out ? formatFromFileName(values.out) : null;
  if (values.on === 'both' && values.out && outFormat !== 'html')
    throw new UsageError(`--out ${values.out}: with --on both the comparison is written as .html`);
  if (values.out && !outFormat)
    throw new UsageError(`--out ${values.out}: the file name must end in .html, .json, .csv or .trace.json`);
  const name = values.name === undefined ? undefined : nameFlag(values.name);
  const scenario = scenarioFromFlags(values);
  // This machine's cores: the ones the run is about to use (the store records them with it).
  const cores = availableParallelism();
  // A URL run's server is yours: the model's bound predicts nothing about it.
  const urlTarget = urlTargetOf(scenario);
  const bound = urlTarget ? null : theoreticalBound(scenario, { cores });
  if (urlTarget) {
    const refused = remoteHostsNotAllowed(urlTarget);
    if (refused.length) throw new UsageError(remoteRefusal(refused));
    // Say where the load goes before any is sent (on stderr with --json: stdout holds one object).
    (values.json ? process.stderr : process.stdout).write(`${targetLines(urlTarget)}\n`);
  }
  const app = await openCliApp(values.db);
  const progress = progressLine(process.stderr, process.stderr.isTTY === true && !values.json);
  app.on('run', (e) => e.type === 'progress' && progress.update(e.progress));
  // Whether the run sampled an event loop decides whether its longest loop block is shown;
  // whether a URL run drew server threads decides what its summary says of them.
  const streamed = batchCounter(app);
  // Ctrl-C stops the run cleanly; what was recorded is kept as a stopped run. A second Ctrl-C
  // exits at once (the store's last batch is committed already; the run shows as interrupted).
  let signals = 0;
  let run: OneRun | null = null;
  const onSignal = () => {
    if (++signals > 1) process.exit(130);
    void run?.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (values.on === 'both') return await runBoth(app, scenario, name, values, progress, cores, streamed);
    run = startOneRun(app, scenario, name);
    await run.started;
    const { info, summary: finalSummary, clockSkewMs } = await run.finished;
    progress.clear();
    const summary = info.summary ?? finalSummary;
    if (!summary) throw new Error(info.error ?? 'the run recorded nothing');
    if (values.json)
      process.stdout.write(`${JSON.stringify(summaryJson(info, scenario, summary, bound, clockSkewMs))}\n`);
    else {
      const loop = { length: streamed.of(info.id) };
      process.stdout.write(`${summaryText(info, scenario, summary, bound, loop, streamed.serverThreads(info.id))}\n`);
    }
    if (values.out && outFormat) {
      const { text } = await app.api.exportRun(info.id, outFormat);
      try {
        writeFileSync(values.out, text);
      } catch (error) {
        throw new Error(
          `could not write ${values.out}: ${(error as Error).message}; the run is stored as run ${info.id}`,
          {
            cause: error,
          },
        );
      }
      if (!values.json) process.stdout.write(`  wrote     ${values.out}\n`);
    }
    return info.status === 'failed' ? 1 : 0;
  } finally {
    progress.clear();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await app.close();
  }
}

/** The rule for run names (shared/run.ts), checked before anything opens or runs, so a bad one is a usage error. */
function nameFlag(name: string): string {
  try {
    return checkRunName(name);
  } catch (error) {
    throw new UsageError(`--name: ${(error as Error).message}`, { cause: error });
  }
}
